import sys
import gc
a = [1, 2, 3]
b = a
print(sys.getrefcount(a))
del b
class Node:
    def __init__(self):
        self.other = None
x = Node()
y = Node()
x.other = y
y.other = x
del x, y
gc.collect()
gc.set_threshold(700, 10, 10)
print(globals()['a'])
