def f(*args, **kwargs):
    print(args, kwargs)

f()
f(1, 2)
f(a=1, b=2)
f(1, x=2)
def g(a, b, *rest, c=0, **opts):
    return a, b, rest, c, opts

print(g(1, 2, 3, 4, c=5, d=6))
l = [1, 2, 3]
d = {'c': 9}
print(g(*l, **d))
def h(a, b, c):
    return a * 100 + b * 10 + c

print(h(*[1, 2], **{'c': 3}))
