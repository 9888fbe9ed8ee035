# Methods that change nothing may still return new objects - or the same.
s = "".join(["Hello", " ", "World"])
print(s.strip() is s)
print(s.replace("x", "y") is s)
print(s.upper() is s)
t = "".join(["ab", "c"])
print(t.lower() is t)
