# Sorting is stable: equal keys keep their order.
pairs = [(2, 'b'), (1, 'z'), (2, 'a'), (1, 'y'), (3, 'c')]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs))
print(sorted(pairs, key=lambda p: p[0], reverse=True))
print(sorted([3, 1, 2], reverse=True))
print(sorted("hello"))
