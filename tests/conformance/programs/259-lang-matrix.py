n = 3
m = [[0] * n for _ in range(n)]
for i in range(n):
    for j in range(n):
        m[i][j] = i * n + j

print(m)
t = [list(row) for row in zip(*m)]
print(t)
print([m[i][i] for i in range(n)])
bad = [[0] * n] * n
bad[0][0] = 9
print(bad)
