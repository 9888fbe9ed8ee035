# A big int computed at run time.
from sys import getrefcount
n = 2 ** 100
m = n * 3
print(getrefcount(m))
l = [m, m]
print(getrefcount(m))
k = m
del l
print(getrefcount(m))
