# freeze() moves everything to a permanent generation the collector skips.
import gc
print(gc.get_freeze_count())
a = []
a.append(a)
gc.freeze()
print(gc.get_freeze_count() > 0)
del a
print(gc.collect())
gc.unfreeze()
print(gc.get_freeze_count())
print(gc.collect())
