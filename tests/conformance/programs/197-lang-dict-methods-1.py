d = {'a': 1, 'b': 2, 'c': 3}
print(d.get('a'), d.get('z'), d.get('z', 0))
print(list(d.keys()))
print(list(d.values()))
print(list(d.items()))
print(d.pop('b'), d)
print(d.pop('zz', 'default'))
print(len(d), 'a' in d, 'b' in d)
print(d)
