# Containers hold references: the item taken out is the object put in.
s = "".join(["run", "time"])
l = [s]
d = {'k': s}
t = (s,)
print(l[0] is s, d['k'] is s, t[0] is s)
k = "".join(["ke", "y"])
d2 = {k: 1}
print(list(d2)[0] is k)
m = [[]] * 3
print(m[0] is m[1] is m[2])
m[0].append(1)
print(m)
