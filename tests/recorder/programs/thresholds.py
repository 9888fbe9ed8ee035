# The seed's thresholds: get_threshold and set_threshold.
import gc

print(gc.get_threshold())
gc.set_threshold(700, 10, 5)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
