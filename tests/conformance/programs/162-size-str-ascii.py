# Compact ASCII strings: 48-byte header plus one byte per char plus a NUL.
import sys
print(sys.getsizeof(''))
print(sys.getsizeof('a'))
print(sys.getsizeof('abc'))
print(sys.getsizeof('x' * 100))
s = "".join(["hello", " ", "world"])
print(sys.getsizeof(s))
