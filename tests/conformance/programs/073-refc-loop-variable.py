# The loop variable is a reference; it stays bound after the loop.
from sys import getrefcount
x = []
for item in [x]:
    print(getrefcount(x))

print(getrefcount(x))
del item
print(getrefcount(x))
