# Dropping the outer list gives both references back.
from sys import getrefcount
a = [1, 2, 3]
b = [a, a]
c = (a, a, a)
print(getrefcount(a))
del b
print(getrefcount(a))
c = None
print(getrefcount(a))
