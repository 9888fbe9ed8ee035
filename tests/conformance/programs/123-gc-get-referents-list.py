# A list reports its items last to first.
import gc
print(gc.get_referents([1, 2, 3]))
print(gc.get_referents(["a", "b"]))
print(gc.get_referents([]))
x = [10]
print(gc.get_referents([x, 20])[1] is x)
