# Storing the list in an instance attribute adds one reference to it.
from sys import getrefcount
class from_obj(object):
    def __init__(self, to_obj):
        self.to_obj = to_obj

b = [1,2,3]
print(getrefcount(b))
a = from_obj(b)
print(getrefcount(b))
c = from_obj(b)
print(getrefcount(b))
del a
print(getrefcount(b))
del c
print(getrefcount(b))
