import sys
l = [1, 2, 3]
for i in range(10):
    l.append(i)

print(sys.getsizeof(l))
print(sys.getsizeof(l.copy()))
print(sys.getsizeof(l[:]))
print(sys.getsizeof(list(l)))
l.clear()
print(sys.getsizeof(l))
