# The seed: gc.get_threshold() shows when automatic collection starts.
# 700 is the generation-0 threshold; the two 10s are how many collections
# of the younger generation trigger one of the next.
import gc
print(gc.get_threshold())
t = gc.get_threshold()
print(type(t), len(t), t[0])
