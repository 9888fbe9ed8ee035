# "a = 1" makes the globals dict refer to 1 under the key "a".
a = 1
g = globals()
print(g['a'])
print('a' in g, 'zz' in g)
g['zz'] = 'made through globals()'
print(zz)
print(g is globals())
print(type(g))
print(g['__name__'])
