# Items produced by range are cached when small, fresh when large.
r = list(range(250, 262, 3))
r2 = list(range(250, 262, 3))
print(r)
print([x is y for x, y in zip(r, r2)])
