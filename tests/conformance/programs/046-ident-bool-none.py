# True, False and None are singletons; comparisons return them.
x = 1 == 1
y = 2 > 3
print(x is True, y is False)
n = None
def f():
    pass

print(f() is n)
print(bool(5) is True, bool(0) is False)
z = 0
print((not z) is True)
