# The seed's first lesson, made runnable: range() is lazy in Python 3, so
# this allocates no big list, and del frees the range at once.
import gc
a = range(10000*10000)
print(len(a))
del a
print(gc.collect())
print('a' in globals())
