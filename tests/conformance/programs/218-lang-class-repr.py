class Pair:
    def __init__(self, a, b):
        self.a = a
        self.b = b
    def __repr__(self):
        return 'Pair(' + repr(self.a) + ', ' + repr(self.b) + ')'

p = Pair(1, 'two')
print(p)
print(repr(p))
print([p, Pair([], None)])
print(str(p))
print(f"{p}")
print({'k': p})
