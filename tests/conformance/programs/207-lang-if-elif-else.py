def classify(n):
    if n < 0:
        return 'negative'
    elif n == 0:
        return 'zero'
    elif n < 10:
        return 'small'
    else:
        return 'large'

for v in [-5, 0, 3, 10, 999]:
    print(v, classify(v))

if []:
    print('empty list is true')
else:
    print('empty list is false')

x = 5 if 3 > 2 else 6
print(x)
