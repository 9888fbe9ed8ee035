# Inside one function the two non-identifier constants are one object.
def f():
    a = "very good morning"
    b = "very good morning"
    return a is b

print(f())
def g():
    return "very good morning"

h = "very good morning"
print(g() == h, g() is h)
print(g() is g())
