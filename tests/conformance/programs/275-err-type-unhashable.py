# Dict keys must be hashable; lists are not, tuples of ints are.
key = (1, 2)
d = {key: 'value'}
print(d)
key = [1, 2]
d = {key: 'value'}
