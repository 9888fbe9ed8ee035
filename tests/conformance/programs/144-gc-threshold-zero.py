# A zero threshold disables automatic collection too.
import gc
def run():
    gc.collect()
    gc.set_threshold(0)
    before = gc.get_stats()
    for i in range(50):
        x = []
        x.append(x)
    del x
    after = gc.get_stats()
    n = gc.collect()
    gc.set_threshold(700)
    return after[0]['collections'] - before[0]['collections'], n

print(run())
