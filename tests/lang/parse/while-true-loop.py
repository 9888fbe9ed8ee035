i = 0
while True:
    i += 1
    if i > 10:
        break
    elif i % 2:
        continue
