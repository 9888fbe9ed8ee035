# A name in the globals dict is a reference like any other.
from sys import getrefcount
a = [1]
print(getrefcount(a))
globals()['b'] = a
print(getrefcount(a))
del globals()['b']
print(getrefcount(a))
print('b' in globals())
