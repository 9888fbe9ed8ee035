class Dog:
    kind = 'canine'
    count = 0
    def __init__(self, name):
        self.name = name
        Dog.count += 1

a = Dog('Rex')
b = Dog('Fido')
print(a.kind, b.kind, Dog.kind)
print(Dog.count, a.count)
a.kind = 'wolf'
print(a.kind, b.kind, Dog.kind)
Dog.kind = 'dog'
print(a.kind, b.kind)
print(a.__dict__)
print('kind' in Dog.__dict__, 'name' in Dog.__dict__)
