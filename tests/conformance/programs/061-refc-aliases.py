# Every name bound to the object is one reference.
from sys import getrefcount
a = [1, 2]
b = a
c = a
print(getrefcount(a))
del b
print(getrefcount(a))
c = None
print(getrefcount(a))
c = a
a = None
print(getrefcount(c))
