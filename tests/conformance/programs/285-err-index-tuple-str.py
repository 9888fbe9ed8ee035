try:
    (1, 2)[5]
except IndexError as e:
    print(e)

s = 'abc'
s[10]
