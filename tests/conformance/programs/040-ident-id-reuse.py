# A freed object's address is reused at once, so ids of two temporaries
# made one after the other compare equal.
print(id([]) == id([]))
print(id({}) == id({}))
print(id([1, 2]) == id([3, 4]))
a = []
b = []
print(id(a) == id(b))
