# The program whose trace the trace benchmark loads: objects, attributes,
# dicts, cycles that only the collector frees, and survivors.
import gc

class Node:
    def __init__(self, value):
        self.value = value
        self.next = None

keep = []
for i in range(ITERATIONS):
    a = Node(i)
    b = Node(str(i))
    a.next = b
    b.next = a
    d = {'node': a, i: [1, 2, i]}
    if i % 7 == 0:
        keep.append(d)
del a, b, d
gc.collect()
