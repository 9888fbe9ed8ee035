import gc
a = []
b = [a]
a.append(b)
del a
print(gc.collect())
del b
print(gc.collect())
