# Lesson 6: three generations and their thresholds.
# 第六课：三代回收及其阈值。
#
# New objects start in generation 0. When allocations minus frees exceed
# 700, generation 0 is collected; after more than 10 generation-0 collections,
# generation 1 is collected too; and so on for generation 2.
import gc

print(gc.get_threshold())        # (700, 10, 10)
gc.set_threshold(700, 10, 5)
print(gc.get_threshold())        # (700, 10, 5)
gc.set_threshold(700, 10, 10)

def measure():
    gc.collect()
    before = [s["collections"] for s in gc.get_stats()]
    keep = [[] for _ in range(5000)]
    after = [s["collections"] for s in gc.get_stats()]
    return [x - y for x, y in zip(after, before)]

print(measure())                 # collections of each generation while 5000 lists were made
