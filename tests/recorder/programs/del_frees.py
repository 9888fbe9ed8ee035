# del removes a name; the object goes when its count reaches zero.
a = [1, 2, 3]
b = a
del a
print(len(b))
del b
x = "end"
