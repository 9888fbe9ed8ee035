# get_count() right after a collection, in the same call: count0 counts the
# container objects allocated since, minus those freed.
import gc
def f():
    gc.collect()
    return gc.get_count()

def g():
    gc.collect()
    l = [[] for _ in range(10)]
    return gc.get_count()

print(f())
print(g())
