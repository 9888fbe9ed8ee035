# A finalizer that resurrects another member of the cycle.
import gc
saved = []
class A:
    def __del__(self):
        saved.append(self.partner)

class B:
    pass

a = A()
b = B()
a.partner = b
b.partner = a
del a, b
print(gc.collect())
print(len(saved), type(saved[0]).__name__)
print(type(saved[0].partner).__name__)
saved.clear()
print(gc.collect())
