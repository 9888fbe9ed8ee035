# So does int modulo by zero (in 3.11, different from floor division's).
x = 0
print(x % 7)
print(7 % x)
print('never')
