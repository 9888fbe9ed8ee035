# "is not" is a single operator.
a = [1]
b = [1]
print(a is not b)
print(a is not a)
print(not a is b)
c = None
print(c is not None)
