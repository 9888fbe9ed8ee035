class C:
    pass

def f():
    pass

print(type(1))
print(type(1.5))
print(type('a'))
print(type(True))
print(type(None))
print(type([]), type(()), type({}), type(set()))
print(type(range(3)))
print(type(C()))
print(type(C))
print(type(f))
print(type(len))
print(type(10 ** 30))
print(C)
print(int, str, type)
