# int() of a str that is not a number.
print(int('12'))
print(int('-12'))
s = 'x'
int(s)
