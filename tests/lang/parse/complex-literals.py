a = 1j
b = 2.5j
c = 1e3J
d = 0j
e = 1 + 2j
f = 10_0j
