d = {'one': 1, 'two': 2, 'three': 3}
for k in d:
    print(k, d[k])

for k, v in d.items():
    print(k, '->', v)

total = 0
for v in d.values():
    total += v

print(total)
print({k: v * v for k, v in d.items()})
print({v: k for k, v in d.items()})
