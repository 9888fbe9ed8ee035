# A working clear(): iterate over a copy of the items. Functions, classes
# and modules stay; everything else goes, including '__name__'.
import gc
def clear():
    for key, value in list(globals().items()):
        if callable(value) or value.__class__.__name__ == "module":
            continue
        del globals()[key]

class K:
    pass

a = 1
b = [1, 2]
c = "three"
clear()
print(sorted([k for k in globals() if not k.startswith('__')]))
print('__name__' in globals(), '__builtins__' in globals())
