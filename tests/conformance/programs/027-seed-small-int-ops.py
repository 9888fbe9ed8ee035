# Small ints are cached whatever computation produces them.
a = 1
b = 2 - 1
print(a is b)
c = 100
d = 10 * 10
print(c is d)
e = -5
f = -10 + 5
print(e is f)
