# Valid indexes run from 0 to len - 1 (and -len to -1).
l = [1, 2, 3]
print(l[2], l[-3])
print(l[3])
print('never')
