# Storing an instance or a function in a dict makes it tracked.
import gc
class C:
    pass

d = {'n': 1}
print(gc.is_tracked(d))
d['c'] = C()
print(gc.is_tracked(d))
e = {}
e['f'] = len
print(gc.is_tracked(e))
e['t'] = ()
print(gc.is_tracked(e))
