import gc
class C:
    pass

c = C()
d = {'c': c}
l = [d]
c.l = l
del c, d, l
print(gc.collect())
