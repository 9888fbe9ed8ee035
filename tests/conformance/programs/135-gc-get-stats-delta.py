# Counting collections and collected objects across a controlled section.
import gc
def run():
    before = gc.get_stats()
    for i in range(5):
        x = []
        x.append(x)
    del x
    n = gc.collect()
    after = gc.get_stats()
    for gen in range(3):
        print(gen,
              after[gen]['collections'] - before[gen]['collections'],
              after[gen]['collected'] - before[gen]['collected'],
              after[gen]['uncollectable'] - before[gen]['uncollectable'])
    return n

print(run())
