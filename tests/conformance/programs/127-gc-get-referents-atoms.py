# Atoms refer to nothing the collector follows.
import gc
print(gc.get_referents(1))
print(gc.get_referents("abc"))
print(gc.get_referents(None))
print(gc.get_referents(1, 2, [3]))
print(gc.get_referents([1], (2,)))
