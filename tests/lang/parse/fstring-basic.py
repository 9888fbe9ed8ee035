name = 'x'
a = f'hello {name}'
b = F"{name}!"
c = f'{1 + 2}'
d = f''
e = f'no fields'
