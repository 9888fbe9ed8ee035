# An instance whose attribute is itself.
import gc
class C:
    pass

c = C()
c.me = c
del c
print(gc.collect())
