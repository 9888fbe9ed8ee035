# One-character strings made at run time (indexing, slicing) with code
# points below 256 are shared objects; other code points are not.
# (Single-character *constants* are left out on purpose: whether the
# compiler's interned "h" is that shared object is an accident of what the
# interpreter interned first.)
s = "".join(["hel", "lo"])
w = "".join(["wor", "ld"])
print(s[2] is w[3])
print(s[0] is "".join(["ha", "t"])[0])
print(s[1:2] is s[1])
print([c is d for c, d in zip("hello", "world")])
e1 = "".join(["caf", "é"])
e2 = "".join(["n", "é"])
print(e1[3] is e2[1])
z1 = "".join(["中", "文"])
z2 = "".join(["文", "中"])
print(z1[0] is z2[1], z1[0] == z2[1])
