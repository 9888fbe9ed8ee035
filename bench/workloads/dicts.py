# Dict building and lookups with int and str keys.
def run(n):
    d = {}
    for i in range(n):
        d[i] = i * 2
    total = 0
    for i in range(n):
        total += d[i]
    names = {}
    for i in range(n // 4):
        names["k" + str(i)] = i
    for i in range(n // 4):
        total += names["k" + str(i)]
    return total

print(run(1_000_000))
