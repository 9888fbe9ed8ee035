x = ('a' f'{b}'
     'c' f'{d!r}'
     'e')
