# set_threshold takes one to three arguments; omitted ones keep their value.
import gc
gc.set_threshold(500)
print(gc.get_threshold())
gc.set_threshold(100, 5)
print(gc.get_threshold())
gc.set_threshold(0)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
print(gc.get_threshold())
