# Lesson 2: reference counts, and why getrefcount reads one more.
# 第二课：引用计数，以及 getrefcount 为什么多一。
#
# Every object counts the references to it. sys.getrefcount(x) reports the
# count including the temporary reference made by passing x to it.
from sys import getrefcount

a = [1, 2, 3]
print(getrefcount(a))    # 2: the name a, and the call's argument
b = a
print(getrefcount(b))    # 3: a, b, and the argument
del b
print(getrefcount(a))    # 2 again
