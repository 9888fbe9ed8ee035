import gc
print(gc.get_debug())
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE)
print(gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
gc.set_debug(gc.DEBUG_SAVEALL)
print(gc.get_debug())
gc.set_debug(0)
print(gc.get_debug())
