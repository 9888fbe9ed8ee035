# One more 30-bit digit for every 30 bits of magnitude.
import sys
n = 1
last = 0
for bits in range(0, 200, 10):
    s = sys.getsizeof(2 ** bits)
    if s != last:
        print(bits, s)
        last = s
