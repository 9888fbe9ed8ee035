# A function reading a global adds no reference of its own.
from sys import getrefcount
g = []
def f():
    return getrefcount(g)

def h():
    local = g
    return getrefcount(g)

print(f(), h(), getrefcount(g))
