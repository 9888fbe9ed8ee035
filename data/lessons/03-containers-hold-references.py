# Lesson 3: containers hold references, not objects.
# 第三课：容器保存的是引用，而不是对象本身。
#
# A list holds one reference per slot; an instance holds references to its
# attributes. b = [a, a] adds two references to a.
from sys import getrefcount

class from_obj(object):
    def __init__(self, to_obj):
        self.to_obj = to_obj

b = [1, 2, 3]
a = from_obj(b)
print(id(a.to_obj) == id(b))   # True: the attribute refers to the same list

c = [1, 2, 3]
print(getrefcount(c))          # 2
d = [c, c]
print(getrefcount(c))          # 4: two more, one per slot
