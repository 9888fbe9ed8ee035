# Adding keys to a dict while iterating over it.
d = {1: 1, 2: 2}
for k in list(d):
    d[k + 10] = 0

print(d)
for k in d:
    d[k + 100] = 0
