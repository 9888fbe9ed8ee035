# The left side of = must be something that can be assigned to.
x = 1
y = 2
1 = x
print(y)
