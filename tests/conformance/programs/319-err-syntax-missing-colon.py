# A compound statement's header needs a colon.
x = 3
print(x)
if x > 2
    print('big')
