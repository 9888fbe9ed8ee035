# Dict keys are references too; a key that is also a value counts twice.
from sys import getrefcount
k = "-".join(["key", "made", "at", "run", "time"])
print(getrefcount(k))
d = {k: 1}
print(getrefcount(k))
e = {k: k}
print(getrefcount(k))
del d[k]
print(getrefcount(k))
e.clear()
print(getrefcount(k))
