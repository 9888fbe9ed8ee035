# A reference from a container that is itself referenced.
from sys import getrefcount
a = []
b = [a]
c = [b]
print(getrefcount(a), getrefcount(b))
del b
print(getrefcount(a))
del c
print(getrefcount(a))
