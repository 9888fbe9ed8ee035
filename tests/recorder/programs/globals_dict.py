# globals() is the dict behind the module's names.
a = 1
g = globals()
print(g["a"] is a)
g["b"] = [a]
del g
