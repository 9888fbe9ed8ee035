a = f'{x, y}'
b = f'{*xs,}'
c = f'{yield_}'
