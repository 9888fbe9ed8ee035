x = []
for i in range(100000):
    x = [x]
del x
import gc
print(gc.collect())
