# Default values live in the function object's defaults tuple.
from sys import getrefcount
l = []
def f(x=l):
    return x

print(getrefcount(l))
def g(a=l, b=l):
    return a

print(getrefcount(l))
del f
print(getrefcount(l))
print(g() is l)
