print(2 in [1, 2, 3], 4 not in [1, 2, 3])
print('ell' in 'hello', 'z' in 'hello', '' in 'abc')
d = {'a': 1}
print('a' in d, 1 in d, 1 in d.values())
print((1, 2) in [(1, 2), 3], [1] in [[1]])
print(3 in range(5), 5 in range(5), 4 in range(0, 10, 2))
