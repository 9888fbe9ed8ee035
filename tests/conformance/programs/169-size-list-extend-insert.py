import sys
l = []
l.extend([1, 2, 3])
print(sys.getsizeof(l))
l.extend([4])
print(sys.getsizeof(l))
l.insert(0, 0)
print(sys.getsizeof(l))
m = [0] * 10
print(sys.getsizeof(m))
m += [1]
print(sys.getsizeof(m))
