# "ab" * 10 is folded at compile time; "a" * 5000 is too long to fold and is
# computed at run time.
def f():
    a = "ab" * 10
    b = "ab" * 10
    return a is b

def g():
    a = "a" * 5000
    b = "a" * 5000
    return a is b

print(f(), g())
x = "ab" * 10
y = "abababababababababab"
print(x is y)
