i = 0
while i < 10:
    i += 1
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print(i)

n = 3
while n > 0:
    n -= 1
else:
    print('loop ended without break', n)

while True:
    n += 1
    if n == 3:
        break
else:
    print('not printed')

print(n)
