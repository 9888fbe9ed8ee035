# Lesson 5: a reference cycle survives del until the collector finds it.
# 第五课：循环引用在 del 之后仍然存活，直到垃圾回收器找到它。
#
# The collector does not look for objects whose count is 0 (those are freed
# at once). It looks for groups of objects that only refer to each other.
import gc

class Node:
    pass

a = Node()
b = Node()
a.partner = b
b.partner = a
del a
del b                    # both still alive: each holds the other
print(gc.collect())      # 2: the collector found the unreachable pair
print(gc.collect())      # 0: nothing left
