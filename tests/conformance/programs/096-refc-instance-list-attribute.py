# A list held only by an instance attribute.
from sys import getrefcount
class Box:
    def __init__(self):
        self.items = []

b = Box()
print(getrefcount(b.items))
items = b.items
print(getrefcount(items))
b.items = None
print(getrefcount(items))
