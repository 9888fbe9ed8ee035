# Objects in an unreachable cycle are all finalized before any is cleared,
# so __del__ still sees its attributes.
import gc
names = []
class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        names.append(self.name + '->' + self.peer.name)

a = Node('a')
b = Node('b')
a.peer = b
b.peer = a
del a, b
print(gc.collect())
print(sorted(names))
