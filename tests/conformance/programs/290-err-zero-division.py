# True division by zero.
print(10 / 4)
x = 0
print(x / 4)
print(1 / x)
