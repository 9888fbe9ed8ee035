# Dict values are references.
from sys import getrefcount
x = []
d = {'a': x, 'b': x}
print(getrefcount(x))
d['a'] = None
print(getrefcount(x))
d['c'] = x
print(getrefcount(x))
del d['b']
print(getrefcount(x))
d.clear()
print(getrefcount(x))
