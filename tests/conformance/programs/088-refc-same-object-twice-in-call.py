# The same object passed as two arguments.
from sys import getrefcount
def f(x, y):
    return getrefcount(x)

l = []
print(f(l, l))
print(f(l, None))
