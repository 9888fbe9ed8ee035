# *args is a tuple that holds the arguments.
from sys import getrefcount
def f(*args):
    return getrefcount(args[0]), len(args)

l = []
print(f(l))
print(f(l, l, l))
def g(**kw):
    return getrefcount(kw['a'])

print(g(a=l))
