# The seed's b = [a, a]: two references from one list.
from sys import getrefcount

a = [1, 2, 3]
print(getrefcount(a))
b = [a, a]
print(getrefcount(a))
