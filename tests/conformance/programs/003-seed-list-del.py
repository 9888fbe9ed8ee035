# A big list is freed by del as soon as its refcount drops to zero; the
# collector has nothing left to do afterwards.
import gc
a = list(range(100000))
print(len(a), a[-1])
del a
print(gc.collect())
