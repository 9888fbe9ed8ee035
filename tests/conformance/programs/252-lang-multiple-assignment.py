a = b = c = []
a.append(1)
print(a, b, c, a is c)
x = y = 5
x += 1
print(x, y)
i, j = j, i = 1, 2
print(i, j)
# Targets are assigned left to right: i first, then l[i] with the new i.
l = [0, 0]
i = 0
i = l[i] = 1
print(l, i)
