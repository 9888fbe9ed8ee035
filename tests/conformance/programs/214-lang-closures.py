def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc

c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2())
def make_adders():
    adders = []
    for i in range(3):
        adders.append(lambda x: x + i)
    return adders

print([a(10) for a in make_adders()])
def make_adders_fixed():
    return [lambda x, i=i: x + i for i in range(3)]

print([a(10) for a in make_adders_fixed()])
