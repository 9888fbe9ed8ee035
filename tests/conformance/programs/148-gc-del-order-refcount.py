# At refcount zero the outer object's __del__ runs first, then what it
# held is released.
class Noisy:
    def __init__(self, name, child=None):
        self.name = name
        self.child = child
    def __del__(self):
        print('del', self.name)

a = Noisy('outer', Noisy('middle', Noisy('inner')))
del a
print('end')
