import gc
x = []
head = x
for i in range(100000):
    x = [x]
head.append(x)
del x, head
print(gc.collect())
print(undefined_after_collect)
