def h(d):
    return 10 // d

def g(d):
    return h(d) + 1

def f():
    return g(0)

print(f())
