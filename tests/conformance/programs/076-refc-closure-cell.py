# A closure keeps its free variables in cells; the cell holds the object.
from sys import getrefcount
def make(v):
    def get():
        return v
    return get

l = []
g = make(l)
print(getrefcount(l))
h = make(l)
print(getrefcount(l))
print(g() is l)
del g, h
print(getrefcount(l))
