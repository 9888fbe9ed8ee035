# A function whose default list contains the function.
import gc
def f(acc=[]):
    return acc

f().append(f)
print(len(f()))
del f
print(gc.collect())
