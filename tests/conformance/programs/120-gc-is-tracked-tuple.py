# A tuple starts tracked; a collection untracks it if all its items are
# untracked. A tuple holding a list stays tracked.
import gc
t = tuple([1, "a", None])
u = tuple([1, []])
print(gc.is_tracked(t), gc.is_tracked(u))
gc.collect()
print(gc.is_tracked(t), gc.is_tracked(u))
print(gc.is_tracked(()))
