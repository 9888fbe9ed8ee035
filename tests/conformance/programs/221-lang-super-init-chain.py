class A:
    def __init__(self):
        print('A init')
        self.tags = ['a']

class B(A):
    def __init__(self):
        print('B init start')
        super().__init__()
        self.tags.append('b')
        print('B init end')

class C(B):
    def __init__(self):
        super().__init__()
        self.tags.append('c')

c = C()
print(c.tags)
class D(A):
    pass

print(D().tags)
