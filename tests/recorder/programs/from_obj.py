# The seed's from_obj: an instance attribute refers to a list.
from sys import getrefcount


class from_obj(object):
    def __init__(self, to_obj):
        self.to_obj = to_obj


def count_inside():
    x = []
    return getrefcount(x)


b = [1, 2, 3]
a = from_obj(b)
print(id(a.to_obj) == id(b))
print(count_inside())
