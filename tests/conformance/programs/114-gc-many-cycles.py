# Ten self-referencing lists made in a loop.
import gc
for i in range(10):
    x = [i]
    x.append(x)

del x
print(gc.collect())
