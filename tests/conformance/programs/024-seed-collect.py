# A manual collection with no cycles around finds nothing.
import gc
print(gc.collect())
a = [1, 2, 3]
print(gc.collect())
print(a)
