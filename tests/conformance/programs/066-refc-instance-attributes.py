# An instance holds a reference to each attribute value.
from sys import getrefcount
class C:
    pass

x = []
c = C()
c.a = x
print(getrefcount(x))
c.b = x
print(getrefcount(x))
del c.a
print(getrefcount(x))
del c
print(getrefcount(x))
