# A dict that holds itself, and a dict and a list holding each other.
import gc
d = {}
d['me'] = d
del d
print(gc.collect())
e = {}
l = [e]
e['l'] = l
del e, l
print(gc.collect())
