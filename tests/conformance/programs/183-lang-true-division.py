# / always gives a float.
print(7 / 2, 6 / 3, -7 / 2)
print(type(6 / 3))
print(1 / 8, 2 ** 0.5)
print(10 ** 20 / 10 ** 10)
x = 9
print(x / 3 == 3)
