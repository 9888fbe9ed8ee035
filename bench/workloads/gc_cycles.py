# One million two-instance cycles, built with the collector off, then one
# full collection; it prints how long the collection took, so the collector's
# objects-per-second can be compared.
import gc
import time

class Node:
    pass

def build(n):
    for i in range(n):
        a = Node()
        b = Node()
        a.other = b
        b.other = a

gc.disable()
build(1_000_000)
start = time.perf_counter()
found = gc.collect()
elapsed = time.perf_counter() - start
gc.enable()
print("collected", found)
print("collect_seconds", elapsed)
