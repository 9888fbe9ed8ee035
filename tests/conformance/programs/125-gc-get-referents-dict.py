# A dict with only str keys reports its values; otherwise each value is
# followed by its key.
import gc
print(gc.get_referents({'a': 1, 'b': 2}))
print(gc.get_referents({1: 10, 2: 20}))
print(gc.get_referents({'a': 1, 2: 'b'}))
print(gc.get_referents({}))
