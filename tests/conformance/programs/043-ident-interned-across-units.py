# Identifier-like constants are interned, so they are shared even between
# a function and module-level code.
def f():
    return "hello_world"

g = "hello_world"
print(f() is g)
def h():
    return "hello world!"

k = "hello world!"
print(h() is k)
