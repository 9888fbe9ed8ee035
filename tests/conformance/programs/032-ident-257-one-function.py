# Inside one function body the compiler merges equal constants.
def f():
    a = 257
    b = 257
    return a is b

print(f())
def g():
    x = 10 ** 20
    y = 10 ** 20
    return x is y

print(g())
