# Tuples hold their items like lists do.
from sys import getrefcount
x = [0]
t = (x, x)
print(getrefcount(x))
u = (t, x)
print(getrefcount(x), getrefcount(t))
del t
print(getrefcount(x))
del u
print(getrefcount(x))
