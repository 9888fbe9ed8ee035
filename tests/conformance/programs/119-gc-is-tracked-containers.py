# Lists, instances, functions and classes are tracked from birth.
import gc
class C:
    pass

def f():
    pass

print(gc.is_tracked([]))
print(gc.is_tracked([1, 2]))
print(gc.is_tracked(C()))
print(gc.is_tracked(f))
print(gc.is_tracked(C))
print(gc.is_tracked(lambda: 0))
