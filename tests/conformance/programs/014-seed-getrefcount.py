# The seed's getrefcount example with its lines restored: 2 and 3, one more
# than the number of names because the call's argument is a reference too.
from sys import getrefcount

a = [1, 2, 3]
print(getrefcount(a))
b = a
print(getrefcount(b))
