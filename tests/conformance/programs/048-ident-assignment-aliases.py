# Assignment makes a new reference, never a new object.
a = [1, 2, 3]
b = a
c = b
print(a is b is c)
c.append(4)
print(a)
b = [1, 2, 3, 4]
print(a == b, a is b)
x = y = {}
x['k'] = 1
print(y, x is y)
