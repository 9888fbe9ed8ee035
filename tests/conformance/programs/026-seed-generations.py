# gc.collect(generation) collects that generation and the younger ones.
import gc
a = []
a.append(a)
del a
print(gc.collect(0))
print(gc.collect(1))
print(gc.collect(2))
