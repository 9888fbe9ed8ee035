for i in range(3):
    print(i)
else:
    print('else after normal end')

for i in range(10):
    if i == 2:
        print('breaking at', i)
        break
else:
    print('not printed')

for x in []:
    print('never')
else:
    print('else on empty')
