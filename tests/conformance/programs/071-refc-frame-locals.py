# Local names in a frame are references.
from sys import getrefcount
def f():
    a = []
    r1 = getrefcount(a)
    b = a
    r2 = getrefcount(a)
    del b
    r3 = getrefcount(a)
    return r1, r2, r3

print(f())
