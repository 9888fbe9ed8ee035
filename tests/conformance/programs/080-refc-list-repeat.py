# [x] * 4 stores four references to the same object.
from sys import getrefcount
x = []
l = [x] * 4
print(getrefcount(x))
l2 = l * 2
print(getrefcount(x))
l.extend(l2)
print(getrefcount(x), len(l))
del l, l2
print(getrefcount(x))
