# enumerate and zip objects hold their iterators, which hold the lists.
from sys import getrefcount
a = [1, 2]
b = [3, 4]
e = enumerate(a)
print(getrefcount(a))
z = zip(a, b)
print(getrefcount(a), getrefcount(b))
print(list(z))
print(getrefcount(a), getrefcount(b))
del e, z
print(getrefcount(a))
