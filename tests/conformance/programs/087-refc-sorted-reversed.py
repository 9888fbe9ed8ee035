# sorted() returns a new list holding the same items.
from sys import getrefcount
a = [3]
b = [1]
l = [a, b]
print(getrefcount(a))
s = sorted(l)
print(getrefcount(a), s[1] is a)
r = list(reversed(l))
print(getrefcount(a))
