# insert adds a reference, remove drops one, pop hands one back.
from sys import getrefcount
x = [0]
l = []
l.insert(0, x)
l.insert(0, x)
print(getrefcount(x))
l.remove(x)
print(getrefcount(x))
y = l.pop()
print(getrefcount(x))
del y
print(getrefcount(x))
