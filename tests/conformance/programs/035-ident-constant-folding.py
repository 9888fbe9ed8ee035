# "go" + "od" is folded at compile time into the interned "good".
a = "go" + "od"
b = "good"
print(a is b)
c = "very good " + "morning"
d = "very good morning"
print(c == d, c is d)
e = 2 ** 8
f = 256
print(e is f)
