# Saved garbage keeps every object of the cycle.
import gc
class Node:
    pass

gc.set_debug(gc.DEBUG_SAVEALL)
a = Node()
b = Node()
a.peer = b
b.peer = a
del a, b
print(gc.collect())
print(len(gc.garbage))
print(gc.garbage[0].peer is gc.garbage[1])
print(gc.garbage[1].peer is gc.garbage[0])
gc.set_debug(0)
