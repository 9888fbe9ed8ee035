# A nested function that refers to itself goes through a cell and the
# closure tuple: function -> tuple -> cell -> function.
import gc
def make():
    def inner():
        return inner
    return inner

f = make()
print(f() is f)
del f
print(gc.collect())
