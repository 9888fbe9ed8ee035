import gc
class Node:
    pass

first = x = Node()
for i in range(200000):
    n = Node()
    n.next = x
    x = n
first.next = x
del x, n, first
print(gc.collect() > 200000)
print(undefined_after_collect)
