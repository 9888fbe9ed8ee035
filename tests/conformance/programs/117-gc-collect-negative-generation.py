import gc
try:
    gc.collect(-1)
except ValueError as e:
    print(type(e).__name__, e)

gc.collect(-1)
