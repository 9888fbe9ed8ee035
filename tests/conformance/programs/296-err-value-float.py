# float() of a str that is not a number.
print(float('1.5'))
print(float('inf'))
s = 'abc'
float(s)
