def f():
    pass

def g():
    return

print(f(), g())
print(None)
print(repr(None), str(None))
x = None
print(x is None, x == None, x is not None)
print([None, None])
print(type(f()))
