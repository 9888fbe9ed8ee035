# Dicts whose keys are all strs use smaller entries.
import sys
d = {}
sizes = []
for c in "abcdefghijklmnopqrstu":
    sizes.append(sys.getsizeof(d))
    d[c] = 0

print(sizes)
