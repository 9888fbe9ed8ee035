# Each top-level statement is its own compilation unit, so the two 257
# constants are two objects.
a = 257
b = 257
print(a == b)
print(a is b)
c = 256
d = 256
print(c is d)
