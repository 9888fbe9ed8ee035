a = x and y
b = x or y
c = x and y and z
d = x or y and z
e = (x or y) and z
f = not x
g = not not x
h = x and not y or z
