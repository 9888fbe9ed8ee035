a, b = 1, 2
a, b = b, a
print(a, b)
(c, d), e = (3, 4), 5
print(c, d, e)
x, y, z = "xyz"
print(x, y, z)
for i, (p, q) in enumerate([(1, 2), (3, 4)]):
    print(i, p, q)

[m, n] = [10, 20]
print(m + n)
