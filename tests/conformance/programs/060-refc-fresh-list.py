# A list bound to one name reads 2: the name plus the call's argument.
# A temporary passed straight to getrefcount reads 1.
from sys import getrefcount
a = []
print(getrefcount(a))
print(getrefcount([]))
print(getrefcount([1, 2, 3]))
b = {}
print(getrefcount(b))
