# Cycles made in a loop are freed by automatic collections.
import gc
def run():
    gc.collect()
    gc.set_threshold(20, 5, 5)
    before = gc.get_stats()
    for i in range(200):
        x = [i]
        x.append(x)
    del x
    after = gc.get_stats()
    gc.set_threshold(700, 10, 10)
    return ([after[g]['collections'] - before[g]['collections'] for g in range(3)],
            [after[g]['collected'] - before[g]['collected'] for g in range(3)])

print(run())
