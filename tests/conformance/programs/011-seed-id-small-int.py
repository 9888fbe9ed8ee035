# vamei's first example, comparing the ids instead of printing them
# (addresses differ from run to run and between runtimes).
a = 1
b = 1

print(id(a) == id(b))
print(a is b)
