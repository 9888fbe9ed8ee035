a, *b = c
*a, b = c
[a, *b] = c
(a, *b), c = d
print(*x, sep='')
x = [*a]
