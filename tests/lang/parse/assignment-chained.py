a = b = c = 1
x, y = y, x
[a, b] = c
a.b = c[d] = e
(a) = 1
((a, b)) = c
