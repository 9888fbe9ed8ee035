# Operations that would return an equal exact str return the argument.
s = "".join(["abc", "def", " ", "ghi"])
print(s + "" is s)
print("" + s is s)
print(s * 1 is s)
print(str(s) is s)
print(s[:] is s)
print(s[0:len(s)] is s)
print((s + "x") is s)
