# An instance that refers to itself.
from sys import getrefcount
class C:
    pass

c = C()
print(getrefcount(c))
c.me = c
print(getrefcount(c))
c.also = c
print(getrefcount(c))
del c.me, c.also
print(getrefcount(c))
