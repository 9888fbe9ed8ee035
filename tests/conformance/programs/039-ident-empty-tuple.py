# The empty tuple is a singleton; so is the empty str.
a = ()
b = ()
print(a is b)
print(tuple() is a)
print(tuple([]) is a)
print((1, 2)[2:] is a)
e = ""
print(str() is e)
print("abc"[1:1] is e)
print("".join([]) is e)
