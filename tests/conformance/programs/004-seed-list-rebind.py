# "a = []" also drops the old list at once (its refcount goes to zero).
import gc
from sys import getrefcount
a = list(range(1000))
b = a
print(getrefcount(b))
a = []
print(getrefcount(b))
print(len(a), len(b))
del b
print(gc.collect())
