print('hello, world')
print('a', 'b', sep=', ', end='\n')
print()
print(*items)
