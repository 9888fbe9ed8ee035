# int() of a str builds a new int unless the value is small.
a = int("300")
b = int("300")
print(a == b, a is b)
c = int("30")
d = int("30")
print(c is d)
e = int(3.0)
f = 3
print(e is f)
