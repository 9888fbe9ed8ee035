# There are three generations, 0 to 2; gc.collect(2) is the full
# collection and is also the default.
import gc
print(gc.collect(2))
print(gc.collect())
gc.collect(3)
