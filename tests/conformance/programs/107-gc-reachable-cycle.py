# A cycle still reachable from a global is not garbage.
import gc
a = []
b = [a]
a.append(b)
holder = [a]
del a, b
print(gc.collect())
print(len(holder[0]))
del holder
print(gc.collect())
