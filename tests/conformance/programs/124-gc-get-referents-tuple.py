# Tuples too.
import gc
print(gc.get_referents((1, 2, 3)))
t = tuple([4, 5])
print(gc.get_referents(t))
