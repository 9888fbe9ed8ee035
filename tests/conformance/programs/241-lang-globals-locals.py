x = 1
print(locals() is globals())
def f(a, b=2):
    c = a + b
    return locals()

print(f(1))
def g():
    return sorted(locals())

print(g())
def h():
    v = 5
    return globals()['x'] + v

print(h())
