# Calling something that is not a function.
def f():
    return 5

x = f()
print(x)
x()
