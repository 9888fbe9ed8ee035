# A second collection right after the first finds nothing.
import gc
for i in range(3):
    x = []
    x.append(x)

del x
print(gc.collect())
print(gc.collect())
