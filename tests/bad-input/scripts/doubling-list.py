a = [1]
for i in range(64):
    a += a
