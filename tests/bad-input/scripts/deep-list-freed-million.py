x = []
for i in range(1000000):
    x = [x]
x = None
print(undefined_after_free)
