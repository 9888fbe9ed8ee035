# While the collector is disabled, no automatic collection happens.
import gc
def run():
    gc.collect()
    gc.disable()
    gc.set_threshold(10)
    before = gc.get_stats()
    for i in range(100):
        x = []
        x.append(x)
    after = gc.get_stats()
    gc.enable()
    n = gc.collect()
    gc.set_threshold(700)
    return after[0]['collections'] - before[0]['collections'], n

print(run())
