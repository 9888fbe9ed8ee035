# Strings built at run time are new objects, even when equal to an
# interned constant; sys.intern gives back the interned one.
import sys
a = "good"
b = "".join(["go", "od"])
print(a == b, a is b)
c = sys.intern(b)
print(c is a)
d = "go"
e = d + "od"
f = d + "od"
print(e == f, e is f)
