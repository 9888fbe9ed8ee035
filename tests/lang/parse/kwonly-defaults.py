def f(*, a, b=1, c):
    pass
def g(a, *args, b=None, **kw):
    pass
