# Within one statement the constants are merged too.
a, b = 257, 257
print(a is b)
t = [1000, 1000]
print(t[0] is t[1])
