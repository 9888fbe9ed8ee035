# setdefault, update, copy and pop move references in and out.
from sys import getrefcount
x = []
d = {}
d.setdefault('a', x)
print(getrefcount(x))
d.update({'b': x})
print(getrefcount(x))
e = d.copy()
print(getrefcount(x))
y = e.pop('a')
print(getrefcount(x), y is x)
