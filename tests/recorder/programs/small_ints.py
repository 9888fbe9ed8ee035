# The seed's identity examples: cached small ints, interned strings.
a = 1
b = 1
print(a is b)
a = "good"
b = "good"
print(a is b)
a = "very good morning"
b = "very good morning"
print(a is b)
a = []
b = []
print(a is b)
n = int("300")
n = None
