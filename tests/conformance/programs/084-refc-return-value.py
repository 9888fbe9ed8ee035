# A returned object is handed over; the callee's references are gone.
from sys import getrefcount
def f():
    l = [1, 2]
    return l

x = f()
print(getrefcount(x))
def g(v):
    w = v
    return w

y = g(x)
print(getrefcount(x))
