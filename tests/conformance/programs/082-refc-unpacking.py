# Unpacking binds new names to the same objects.
from sys import getrefcount
x = []
a, b = x, x
print(getrefcount(x))
p = [x, x, x]
c, *rest = p
print(getrefcount(x), len(rest))
