# -5 is the smallest cached int; -6 is not cached.
vals = [int(str(v)) for v in [-4, -5, -6]]
again = [int(str(v)) for v in [-4, -5, -6]]
print([x is y for x, y in zip(vals, again)])
big = [int(str(v)) for v in [255, 256, 257]]
big2 = [int(str(v)) for v in [255, 256, 257]]
print([x is y for x, y in zip(big, big2)])
