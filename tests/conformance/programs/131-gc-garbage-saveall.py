# With DEBUG_SAVEALL the garbage is kept in gc.garbage instead of freed.
import gc
print(gc.garbage)
gc.set_debug(gc.DEBUG_SAVEALL)
l = []
l.append(l)
del l
print(gc.collect())
print(len(gc.garbage))
g = gc.garbage[0]
print(g[0] is g)
gc.set_debug(0)
gc.garbage.clear()
del g
print(gc.collect())
