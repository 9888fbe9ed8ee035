# With a low threshold, allocating containers triggers generation-0
# collections on its own.
import gc
def run():
    gc.collect()
    gc.set_threshold(10, 2, 2)
    before = gc.get_stats()
    keep = []
    for i in range(100):
        keep.append([i])
    after = gc.get_stats()
    gc.set_threshold(700, 10, 10)
    return [after[g]['collections'] - before[g]['collections'] for g in range(3)]

print(run())
