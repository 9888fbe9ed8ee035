# Reading __dict__ gives the instance a real dict object, which is then one
# more object in the cycle.
import gc
class C:
    pass

c = C()
c.me = c
d = c.__dict__
del d
del c
print(gc.collect())
