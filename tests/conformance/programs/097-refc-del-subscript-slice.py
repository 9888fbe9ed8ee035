# del of items and slices drops the references.
from sys import getrefcount
x = []
l = [x, x, x, x, x]
print(getrefcount(x))
del l[0]
print(getrefcount(x))
del l[1:3]
print(getrefcount(x))
del l[:]
print(getrefcount(x), l)
