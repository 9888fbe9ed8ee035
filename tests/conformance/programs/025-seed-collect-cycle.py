# What the collector is really for: a cycle survives del, collect() frees it.
import gc
a = []
b = [a]
a.append(b)
del a, b
print(gc.collect())
print(gc.collect())
