# "del a, b, c, d" removes several names in one statement.
import gc
a = [1]
b = [2]
c = [3]
d = [4]
del a, b, c, d
print('a' in globals(), 'd' in globals())
print(gc.collect())
