# Too few items for the targets.
a, b, c = (1, 2, 3)
print(a + b + c)
t = (1, 2)
a, b, c = t
