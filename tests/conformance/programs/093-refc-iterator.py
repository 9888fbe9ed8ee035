# An iterator holds its list until it is exhausted, then lets go.
from sys import getrefcount
l = [1, 2]
it = iter(l)
print(getrefcount(l))
print(next(it), next(it))
print(getrefcount(l))
print(next(it, 'done'))
print(getrefcount(l))
