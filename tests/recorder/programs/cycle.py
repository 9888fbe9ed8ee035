# The seed's cycle: it survives del until the collector runs.
import gc


class Node:
    pass


a = Node()
b = Node()
a.partner = b
b.partner = a
del a
del b
print(gc.collect())
print(gc.collect())
