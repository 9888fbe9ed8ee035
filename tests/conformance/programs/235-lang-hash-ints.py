# hash() of ints is defined by the language: the value modulo 2**61 - 1,
# except that -1 becomes -2.
print(hash(0), hash(1), hash(-1), hash(-2), hash(12345))
print(hash(2 ** 61 - 1), hash(2 ** 61), hash(10 ** 20))
print(hash(True), hash(False))
print(hash(1) == hash(1.0), hash((1, 2)) == hash((1, 2)))
