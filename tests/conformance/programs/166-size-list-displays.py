# A list display's size depends on how it was built.
import sys
x = 1
print(sys.getsizeof([]))
print(sys.getsizeof([1]))
print(sys.getsizeof([1, 2]))
print(sys.getsizeof([x, x, x]))
print(sys.getsizeof([1, 2, 3]))
print(sys.getsizeof([i for i in range(3)]))
