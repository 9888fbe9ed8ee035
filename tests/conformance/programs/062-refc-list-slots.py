# A list holds one reference per slot.
from sys import getrefcount
x = []
l = [x, x, x]
print(getrefcount(x))
l.pop()
print(getrefcount(x))
l.append(x)
l.append(x)
print(getrefcount(x))
l.clear()
print(getrefcount(x))
