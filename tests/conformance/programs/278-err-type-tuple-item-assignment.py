# Tuples are immutable, even when they hold mutable items.
t = (1, [2], 3)
t[1].append(20)
print(t)
t[0] = 10
