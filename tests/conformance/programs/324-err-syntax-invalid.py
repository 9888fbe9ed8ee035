# Plain invalid syntax.
print('start')
x = 1
x = = 1
print(x)
