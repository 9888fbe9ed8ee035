# del removes the name, not the object; using the name again fails.
x = [1, 2]
y = x
print(x)
del x
print(y)
print(x)
