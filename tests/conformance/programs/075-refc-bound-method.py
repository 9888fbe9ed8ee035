# A bound method object holds its instance.
from sys import getrefcount
class A:
    def f(self):
        return 1

a = A()
print(getrefcount(a))
m = a.f
print(getrefcount(a))
m2 = a.f
print(getrefcount(a))
print(m is m2, m == m2)
del m, m2
print(getrefcount(a))
