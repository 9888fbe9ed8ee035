l = [0, 1, 2, 3, 4, 5]
l[1:3] = ['a', 'b', 'c']
print(l)
l[:0] = [-1]
print(l)
l[-2:] = []
print(l)
del l[::2]
print(l)
l[::2] = [7, 8]
print(l)
