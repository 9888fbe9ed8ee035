# A cycle that became garbage after reaching the oldest generation is only
# found by a full collection.
import gc
a = []
b = [a]
a.append(b)
gc.collect()
del a, b
print(gc.collect(0))
print(gc.collect(1))
print(gc.collect(2))
