# Dicts keep insertion order; updating a key keeps its place.
d = {}
d['b'] = 1
d['a'] = 2
d['c'] = 3
print(d)
d['b'] = 10
print(d)
del d['b']
d['b'] = 100
print(d)
print(list(d))
print(dict([(3, 'c'), (1, 'a')]))
print(dict(zip(['k1', 'k2'], [1, 2])))
