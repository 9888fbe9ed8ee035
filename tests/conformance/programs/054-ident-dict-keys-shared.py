# Two dicts with equal keys: the key objects are the constants put in.
k = "".join(["spam", " ", "eggs"])
d1 = {k: 1}
d2 = {k: 2}
print(list(d1)[0] is list(d2)[0])
d1[k] = 3
print(list(d1.keys())[0] is k)
