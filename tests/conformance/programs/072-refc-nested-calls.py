# Each active frame that names the object holds a reference.
from sys import getrefcount
def g(x):
    return getrefcount(x)

def f(x):
    return g(x)

def h(x):
    return f(x)

l = []
print(g(l), f(l), h(l))
