# A missing int key.
d = {1: 'one'}
print(d[1])
print(2 in d)
d[2]
