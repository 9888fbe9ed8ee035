# A tracked dict that holds only atoms again is untracked by a full
# collection, not by a young one.
import gc
d = {}
d['x'] = []
del d['x']
d['y'] = 5
print(gc.is_tracked(d))
gc.collect(0)
print(gc.is_tracked(d))
gc.collect()
print(gc.is_tracked(d))
