# A dict is untracked while it holds only untracked objects and becomes
# tracked when a tracked object is stored in it.
import gc
print(gc.is_tracked({}))
print(gc.is_tracked({'a': 1, 'b': 'x'}))
print(gc.is_tracked({1: []}))
d = {}
d['a'] = 1
print(gc.is_tracked(d))
d['b'] = []
print(gc.is_tracked(d))
del d['b']
print(gc.is_tracked(d))
