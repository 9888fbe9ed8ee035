# append over-allocates: the size jumps at 1, 5, 9, 17, 25, 33, ... items.
import sys
l = []
sizes = []
for i in range(40):
    sizes.append(sys.getsizeof(l))
    l.append(i)

print(sizes)
