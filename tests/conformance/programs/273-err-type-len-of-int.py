# len() needs a sized object.
s = 'abc'
print(len(s))
n = 42
print(len(str(n)))
len(n)
