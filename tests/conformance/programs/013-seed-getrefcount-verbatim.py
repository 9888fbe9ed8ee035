# The seed's getrefcount example as printed, with three statements run
# together on one line: the file does not parse.
from sys import getrefcount

a = [1, 2, 3]
print(getrefcount(a))b = aprint(getrefcount(b))
