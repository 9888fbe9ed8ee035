# A dict view holds a reference to its dict.
from sys import getrefcount
d = {1: 2}
print(getrefcount(d))
v = d.values()
k = d.keys()
i = d.items()
print(getrefcount(d))
del v, k, i
print(getrefcount(d))
