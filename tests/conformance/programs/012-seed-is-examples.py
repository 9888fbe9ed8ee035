# The four "is" examples of the seed, verbatim. Each top-level statement is
# compiled on its own, so the long string is not shared.
# True
a = 1
b = 1
print(a is b)

# True
a = "good"
b = "good"
print(a is b)

# False
a = "very good morning"
b = "very good morning"
print(a is b)

# False
a = []
b = []
print(a is b)
