# list(range(n)) preallocates from the length hint, rounded up to an even
# number of slots.
import sys
for n in [0, 1, 2, 3, 5, 8, 10, 100]:
    print(n, sys.getsizeof(list(range(n))))
