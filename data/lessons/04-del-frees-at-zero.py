# Lesson 4: del removes a name; the object is freed when its count reaches 0.
# 第四课：del 删除的是名字；引用计数归零时对象立即被释放。
#
# No collector is needed for this: freeing happens at once. The article says
# memory only drops after gc.collect(); in fact range() is lazy in Python 3,
# and a list is freed by del alone. What stays high is the allocator's
# arenas, which are returned only when they are completely empty.
import gc

a = list(range(100000))
b = a
del a
print(len(b))            # the list is still alive: b refers to it
del b                    # its count reaches 0: freed now, with its items
print(gc.collect())      # 0: there was nothing left for the collector
