s = {3, 1, 2}
print(s)
s.add(10)
s.add(1)
print(s, len(s))
s.discard(2)
s.discard(99)
s.remove(3)
print(s)
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, a ^ b)
print(3 in a, 9 in a)
print(sorted({5, 100, 37, 8, 64}))
print({x * 2 for x in range(5)})
print(set(range(5)) == {0, 1, 2, 3, 4})
