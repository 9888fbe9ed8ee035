square = lambda x: x * x
print(square(7))
add = lambda a, b=10: a + b
print(add(1), add(1, 2))
print(sorted([(1, 'b'), (2, 'a')], key=lambda p: p[1]))
print((lambda: 'no args')())
ops = {'+': lambda a, b: a + b, '*': lambda a, b: a * b}
print(ops['+'](3, 4), ops['*'](3, 4))
print(max(['aa', 'b', 'cccc'], key=lambda s: len(s)))
