# Tracked objects hanging off a cycle are counted; ints and strs are not
# tracked and are not counted.
import gc
l = []
l.append(l)
l.append([1, 2])
l.append({'k': []})
l.append(12345)
l.append("text")
del l
print(gc.collect())
