x = [[y * z for z in range(3)] for y in range(3)]
y = {a: [b for b in c if b != a] for a in d}
