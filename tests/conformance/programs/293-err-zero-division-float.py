# Float division by zero does not give inf; it raises.
x = 0.0
print(x / 1.5)
print(1.5 / x)
print('never')
