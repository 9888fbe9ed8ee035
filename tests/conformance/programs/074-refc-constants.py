# A big int made by a finished top-level statement is held only by its
# name; inside a function the code object's constants hold one more.
from sys import getrefcount
n = int("12345678901234567890")
print(getrefcount(n))
m = n * 2
print(getrefcount(m))
def f():
    x = 10 ** 20
    return getrefcount(x)

print(f())
