import sys
print(sys.getsizeof(set()))
print(sys.getsizeof({1, 2, 3}))
s = set()
sizes = []
for i in range(20):
    sizes.append(sys.getsizeof(s))
    s.add(i)

print(sizes)
