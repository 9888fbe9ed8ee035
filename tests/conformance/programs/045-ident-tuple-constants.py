# A tuple of constants is one constant of its unit.
def f():
    return (1, 2, 3)

print(f() is f())
a = (1, 2)
b = (1, 2)
print(a == b, a is b)
def g():
    return [1, 2, 3]

print(g() is g(), g() == g())
