# Removing items shrinks the allocation once it is less than half used.
import sys
l = list(range(20))
for i in range(20):
    l.pop()
    print(len(l), sys.getsizeof(l))
