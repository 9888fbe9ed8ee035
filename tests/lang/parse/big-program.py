def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

results = {n: fib(n) for n in range(10)}
for k, v in sorted(results.items(), key=lambda kv: -kv[1]):
    if v % 2 == 0 and k > 1:
        print(f'{k:>3}: {v:<5} even')
    elif v > 10:
        print(f'{k}: {v!r} big')
    else:
        continue
