import sys
print(sys.getsizeof(0.0))
print(sys.getsizeof(1e300))
print(sys.getsizeof(True))
print(sys.getsizeof(False))
print(sys.getsizeof(None))
