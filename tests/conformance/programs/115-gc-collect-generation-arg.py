# The generation can be passed by keyword.
import gc
a = []
a.append(a)
del a
print(gc.collect(generation=2))
print(gc.collect(generation=0))
