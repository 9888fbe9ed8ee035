# get_stats() has one dict per generation with three keys.
import gc
s = gc.get_stats()
print(len(s))
print(sorted(s[0].keys()))
print(type(s[2]['collections']))
