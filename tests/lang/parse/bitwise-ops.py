a = x | y
b = x ^ y
c = x & y
d = x << 2
e = x >> 2
f = x | y ^ z & w << 1 + 2
