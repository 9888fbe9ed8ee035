# A list that contains itself never reaches refcount zero; only the
# collector frees it. collect() returns the number of unreachable objects.
import gc
from sys import getrefcount
l = []
l.append(l)
print(getrefcount(l))
del l
print(gc.collect())
print(gc.collect())
