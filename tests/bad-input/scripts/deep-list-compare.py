a = []
b = []
for i in range(10000):
    a = [a]
    b = [b]
print(a == b)
