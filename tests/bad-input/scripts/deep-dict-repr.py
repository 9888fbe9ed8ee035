x = {}
for i in range(10000):
    x = {'k': x}
print(repr(x)[:10])
