a = lambda: 0
b = lambda x: x
c = lambda x, y=1: x + y
d = lambda *args, **kw: args
e = lambda a, /, b, *, c: a
f = lambda *, k=2: k
g = lambda a=1, /, b=2, *c, d, e=3, **f: 0
