# Wider characters make every character of the string wider: one byte up
# to U+00FF, two up to U+FFFF, four beyond, after a bigger header.
import sys
print(sys.getsizeof("".join(["é", "a"])))
print(sys.getsizeof("".join(["中", "文"])))
print(sys.getsizeof("".join(["😀", "a"])))
e = "é"
print(sys.getsizeof(e * 10))
z = "中"
print(sys.getsizeof(z * 10))
