# A slice copies the references, not the objects.
from sys import getrefcount
x = []
l = [x, 1, x]
s = l[:]
print(getrefcount(x))
s2 = l[::2]
print(getrefcount(x))
s3 = l[1:2]
print(getrefcount(x))
