# Freeing a counted object decrements count0; objects parked on a free list
# do not.
import gc
class C:
    pass

def f():
    gc.collect()
    c = C()
    d = C()
    del c
    return gc.get_count()

def g():
    gc.collect()
    l = [1]
    del l
    m = [2]
    n = [3]
    return gc.get_count()

print(f())
print(g())
