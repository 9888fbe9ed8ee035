# Atomic objects are never tracked by the collector.
import gc
print(gc.is_tracked(0))
print(gc.is_tracked(10 ** 30))
print(gc.is_tracked("abc"))
print(gc.is_tracked(None))
print(gc.is_tracked(True))
print(gc.is_tracked(1.5))
print(gc.is_tracked(range(10)))
