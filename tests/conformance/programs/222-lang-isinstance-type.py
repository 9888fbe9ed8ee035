class Base:
    pass

class Derived(Base):
    pass

d = Derived()
print(isinstance(d, Base), isinstance(d, (int, Derived)), isinstance(d, int))
print(isinstance(True, int), isinstance(1, bool), isinstance(1.0, int))
print(isinstance('s', str), isinstance([], (tuple, list)), isinstance(None, type(None)))
print(type(d) is Derived, type(d) is Base, type(d) == Derived)
print(type(True) is bool, type(1) is int)
