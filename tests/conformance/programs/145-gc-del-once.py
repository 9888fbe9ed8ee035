# A finalizer runs only once per object.
import gc
class D:
    def __del__(self):
        print('__del__ runs')

d = D()
d.me = d
del d
print(gc.collect())
print(gc.collect())
