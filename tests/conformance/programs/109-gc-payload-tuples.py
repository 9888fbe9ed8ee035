# A tuple made at run time is tracked until a collection finds it holds only
# untracked items; garbage tuples are counted either way.
import gc
l = []
l.append(l)
l.append(tuple([1, 2]))
l.append(tuple([[], 3]))
del l
print(gc.collect())
