# An instance reports its attribute values, then its class.
import gc
class C:
    pass

c = C()
r = gc.get_referents(c)
print(len(r), r[0] is C)
c.x = 1
c.y = [2]
r = gc.get_referents(c)
print(len(r), r[0], r[1], r[2] is C)
