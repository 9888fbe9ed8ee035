import gc
a = [1]
b = [2]
c = [3]
a.append(b)
b.append(c)
c.append(a)
del a, b, c
print(gc.collect())
