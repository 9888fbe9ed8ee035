# A large list: its atoms are summarised, named when read out.
a = list(range(300, 5300))
x = a[3000]
a.append(x)
del a
y = 1
