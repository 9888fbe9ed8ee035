# self in __init__: the new instance on the caller's stack, the self
# parameter and getrefcount's argument.
from sys import getrefcount
class C:
    def __init__(self):
        print(getrefcount(self))

C()
c = C()
print(getrefcount(c))
