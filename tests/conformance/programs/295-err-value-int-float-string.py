# int() does not parse a float literal; int(float(...)) does.
s = '3.5'
print(float(s))
print(int(float(s)))
int(s)
