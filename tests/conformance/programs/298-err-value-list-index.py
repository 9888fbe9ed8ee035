# index() of an item that is not there.
l = ['a', 'b']
print(l.index('b'))
print('z' in l)
l.index('z')
