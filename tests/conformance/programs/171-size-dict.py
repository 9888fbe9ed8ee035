# An empty dict has no table; the first insertion allocates one for 5 items.
import sys
print(sys.getsizeof({}))
print(sys.getsizeof({1: 1}))
print(sys.getsizeof({'a': 1}))
d = {}
sizes = []
for i in range(25):
    sizes.append(sys.getsizeof(d))
    d[i] = i

print(sizes)
