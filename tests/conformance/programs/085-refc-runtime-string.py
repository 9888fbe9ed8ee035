# A str built at run time is an ordinary object for refcounting.
from sys import getrefcount
s = "-".join(["x", "y", "z"])
print(getrefcount(s))
d = {s: s}
print(getrefcount(s))
l = [s] * 3
print(getrefcount(s))
t = s
print(getrefcount(s))
