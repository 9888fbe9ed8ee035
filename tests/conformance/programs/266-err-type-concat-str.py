# str + int: the message names the type that could not be concatenated.
s = 'age: '
n = 30
print(s + str(n))
print(s + n)
print('never')
