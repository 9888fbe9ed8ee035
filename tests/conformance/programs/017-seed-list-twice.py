# The seed's b = [a, a]: the outer list holds two references to a.
from sys import getrefcount

a = [1, 2, 3]
print(getrefcount(a))

b = [a, a]
print(getrefcount(a))
