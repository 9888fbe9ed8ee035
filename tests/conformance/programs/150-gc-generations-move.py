# A survivor of a generation-0 collection moves to generation 1, then to 2.
import gc
def where(x):
    for gen in range(3):
        for o in gc.get_objects(gen):
            if o is x:
                return gen
    return None

x = []
print(where(x))
gc.collect(0)
print(where(x))
gc.collect(1)
print(where(x))
gc.collect(0)
print(where(x))
y = []
gc.collect()
print(where(x), where(y))
