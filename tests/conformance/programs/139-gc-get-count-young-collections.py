# Collecting generation 0 bumps count1; generation 1 bumps count2.
import gc
def f():
    gc.collect()
    gc.collect(0)
    c1 = gc.get_count()
    gc.collect(0)
    gc.collect(0)
    c2 = gc.get_count()
    gc.collect(1)
    c3 = gc.get_count()
    return c1, c2, c3

print(f())
