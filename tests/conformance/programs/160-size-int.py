# Ints store 30-bit digits after a 24-byte header.
import sys
print(sys.getsizeof(0))
print(sys.getsizeof(1))
print(sys.getsizeof(-1))
print(sys.getsizeof(2 ** 30 - 1))
print(sys.getsizeof(2 ** 30))
print(sys.getsizeof(2 ** 60))
print(sys.getsizeof(2 ** 100))
print(sys.getsizeof(-2 ** 100))
print(sys.getsizeof(10 ** 100))
