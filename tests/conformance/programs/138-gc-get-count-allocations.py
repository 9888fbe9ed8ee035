# Each tracked allocation adds one to count0.
import gc
def f():
    gc.collect()
    a = [1]
    b = [2]
    c = {'k': []}
    return gc.get_count()

def g():
    gc.collect()
    a = [1]
    del a
    b = [2]
    return gc.get_count()

print(f())
print(g())
