# += on a list extends it in place; on a tuple or int it rebinds.
a = [1, 2]
b = a
a += [3]
print(a is b, b)
a = a + [4]
print(a is b, b, a)
t = (1,)
u = t
t += (2,)
print(t is u, t, u)
