# Dicts and tuples count like lists; an empty tuple is no allocation.
import gc
def f():
    gc.collect()
    d = {}
    t = tuple([1, 2])
    e = ()
    return gc.get_count()

def g():
    gc.collect()
    d = {'a': 1}
    d2 = dict(d)
    return gc.get_count()

print(f())
print(g())
