print(f'{a} and {b.c} and {d[0]}')
x = f'{a}{b}{c}'
y = f'{  spaced  }'
