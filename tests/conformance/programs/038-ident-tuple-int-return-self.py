# tuple(t), int(i), float(f) return their exact-type argument; list(l)
# always copies.
t = (1, [2], 3)
print(tuple(t) is t)
print(t[:] is t)
l = [1, 2]
print(list(l) is l, list(l) == l)
i = 10 ** 30
print(int(i) is i)
f = 2.5
print(float(f) is f)
print(i + 0 is i)
