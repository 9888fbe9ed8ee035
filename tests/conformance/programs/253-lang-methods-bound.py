class Counter:
    def __init__(self):
        self.n = 0
    def inc(self, by=1):
        self.n += by
        return self

c = Counter()
m = c.inc
m()
m(5)
Counter.inc(c, 10)
print(c.n)
print(c.inc().inc().n)
print(m.__self__ is c)
fs = [c.inc, c.inc]
for f in fs:
    f()

print(c.n)
