print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[i * j for j in range(3)] for i in range(3)])
print({x: x * x for x in range(5)})
print({x % 3 for x in range(10)})
print(sum([x for x in range(101)]))
words = ['apple', 'bob', 'kayak', 'level', 'xyz']
print([w for w in words if w == w[::-1]])
