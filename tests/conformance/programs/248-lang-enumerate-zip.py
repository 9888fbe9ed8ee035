names = ['a', 'b', 'c']
for i, n in enumerate(names):
    print(i, n)

for i, n in enumerate(names, start=10):
    print(i, n)

for x, y in zip([1, 2, 3, 4], ['one', 'two']):
    print(x, y)

print(dict(zip(names, range(3))))
matrix = [[1, 2, 3], [4, 5, 6]]
print(list(zip(*matrix)))
