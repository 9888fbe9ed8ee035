# The seed's last snippet: scan generation 2 more often by lowering its
# threshold to 5.
import gc
gc.set_threshold(700, 10, 5)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
print(gc.get_threshold())
