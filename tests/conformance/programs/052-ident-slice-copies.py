# Slicing a list makes a new list; slicing a tuple or str whole does not.
l = [1, 2, 3]
print(l[:] is l, l[:] == l)
t = (1, 2, 3)
print(t[:] is t, t[0:3] is t, t[0:2] is t)
s = "hello world"
print(s[:] is s, s[::1] is s)
