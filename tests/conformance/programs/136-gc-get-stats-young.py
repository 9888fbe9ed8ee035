# collect(0) and collect(1) are counted against their own generation.
import gc
def run():
    before = gc.get_stats()
    a = []
    a.append(a)
    del a
    r0 = gc.collect(0)
    b = []
    b.append(b)
    del b
    r1 = gc.collect(1)
    after = gc.get_stats()
    deltas = []
    for gen in range(3):
        deltas.append((after[gen]['collections'] - before[gen]['collections'],
                       after[gen]['collected'] - before[gen]['collected']))
    return r0, r1, deltas

print(run())
