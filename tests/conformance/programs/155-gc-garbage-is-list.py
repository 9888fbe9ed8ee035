# gc.garbage is an ordinary list, empty unless DEBUG_SAVEALL is set (or an
# object cannot be collected).
import gc
print(type(gc.garbage))
print(gc.garbage is gc.garbage)
print(len(gc.garbage))
gc.garbage.append('anything')
print(gc.garbage)
