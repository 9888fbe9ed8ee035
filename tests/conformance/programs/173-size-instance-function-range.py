import sys
class C:
    pass

class D:
    def __init__(self):
        self.a = 1
        self.b = 2

def f():
    pass

print(sys.getsizeof(C()))
print(sys.getsizeof(D()))
print(sys.getsizeof(f))
print(sys.getsizeof(lambda x: x))
print(sys.getsizeof(range(10)))
print(sys.getsizeof(range(10 ** 20)))
