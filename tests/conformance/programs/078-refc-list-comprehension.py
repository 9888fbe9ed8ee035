# A list built by a comprehension holds one reference per element.
from sys import getrefcount
l = []
m = [l for _ in range(3)]
print(getrefcount(l))
n = [[l] for _ in range(2)]
print(getrefcount(l))
del m
print(getrefcount(l))
del n
print(getrefcount(l))
