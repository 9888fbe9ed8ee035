first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = (1, 2, 3, 4)
print(init, last)
a, *mid, b = "abcde"
print(a, mid, b)
p, *q = [1]
print(p, q)
l = [1, 2]
m = [3]
print([*l, *m, 4])
print((*l, *m))
print(*l, *m)
print({**{'a': 1}, 'b': 2})
