x = ()
for i in range(10000):
    x = (x,)
print(hash(x) == hash(x))
print({x: 1}[()])
