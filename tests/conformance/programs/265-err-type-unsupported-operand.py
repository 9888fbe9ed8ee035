# Adding an int and a str is not defined in either direction.
print(1 + 2)
print('a' + 'b')
x = 1
y = 'a'
print(x + y)
