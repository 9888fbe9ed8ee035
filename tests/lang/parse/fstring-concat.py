a = 'x' f'{y}' 'z'
b = f'{a}' f'{b}'
c = ('lit'
     f'{v}'
     'end')
d = u'k' f'{x}'
