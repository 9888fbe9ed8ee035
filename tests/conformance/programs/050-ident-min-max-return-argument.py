# Builtins that select an element return that element, not a copy.
a = [1]
b = [2]
print(max([a, b]) is b, min([a, b]) is a)
big = 10 ** 25
print(max(big, 3) is big)
print(sorted([b, a])[0] is a)
print(list(reversed([a, b]))[0] is b)
