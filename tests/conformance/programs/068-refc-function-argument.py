# Inside f(a) the object has the caller's name plus the parameter plus the
# getrefcount argument: 3. A temporary argument reads 2.
from sys import getrefcount
def f(a):
    return getrefcount(a)

x = []
print(f(x))
print(f([]))
y = x
print(f(x))
print(getrefcount(x))
