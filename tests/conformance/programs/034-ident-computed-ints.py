# Arithmetic results in the cache range are the cached objects; outside it
# every result is new.
x = 255 + 1
y = 256
print(x is y)
n = 256
m = n + 1
k = 257
print(m == k, m is k)
p = n + 1
print(m is p)
q = 3 - 8
r = -5
print(q is r)
s = 3 - 9
u = -6
print(s is u)
