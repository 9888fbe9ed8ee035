# Instances and the argument tuple of a class call both count.
import gc
class P:
    def __init__(self, v):
        self.v = v

class Q:
    pass

def f():
    gc.collect()
    p = P(1)
    return gc.get_count()

def g():
    gc.collect()
    q = Q()
    return gc.get_count()

print(f())
print(g())
