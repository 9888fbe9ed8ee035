import sys
a, *b, c, d = range(6)
print(a, b, c, d)
*x, y = [1]
print(x, y)
first, *mid, last = "hello"
print(first, mid, last)
*a, b, c, d, e, f, g, h, i = range(12)
print(sys.getsizeof(a), a)
