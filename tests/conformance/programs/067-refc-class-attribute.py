# A class attribute is held by the class; a class sits in reference cycles of
# its own, so deleting the class does not free it until the collector runs.
import gc
from sys import getrefcount
x = [1, 2, 3]
class K:
    shared = x

print(getrefcount(x))
del K
print(getrefcount(x))
gc.collect()
print(getrefcount(x))
