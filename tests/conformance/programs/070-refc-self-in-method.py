# self in a method called through an instance bound to one global.
from sys import getrefcount
class C:
    def m(self):
        return getrefcount(self)
    def n(self, other):
        return getrefcount(other)

c = C()
print(c.m())
print(C.m(c))
lst = []
print(c.n(lst))
print(C().m())
