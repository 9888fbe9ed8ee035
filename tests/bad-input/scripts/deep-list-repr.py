x = []
for i in range(10000):
    x = [x]
print(len(repr(x)))
