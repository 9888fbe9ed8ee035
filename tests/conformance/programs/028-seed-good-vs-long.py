# Identifier-like strings are interned by the compiler; others are not.
a = "good"
b = "good"
print(a is b)
c = "good_morning_2"
d = "good_morning_2"
print(c is d)
e = "good morning"
f = "good morning"
print(e is f)
