# The order in which the finalizers of one cycle run.
import gc
class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)

a = Node('a')
b = Node('b')
c = Node('c')
a.next = b
b.next = c
c.next = a
del a, b, c
print(gc.collect())
