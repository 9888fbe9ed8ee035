# Floats are never cached.
a = 1.5
b = 1.5
print(a == b, a is b)
def f():
    x = 0.25
    y = 0.25
    return x is y

print(f())
c = 0.5 + 1.0
print(c == a, c is a)
