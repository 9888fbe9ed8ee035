# Lesson 1: small ints and interned strings are shared.
# 第一课：小整数和驻留字符串是共享的。
#
# CPython keeps one object for each int from -5 to 256 and interns strings
# that look like identifiers; other equal values are separate objects.
# `is` compares identity (the same object), `==` compares values.
a = 1
b = 1
print(a is b)            # True: both names refer to the cached 1
n = 256                  # 257 is computed below: see the note at the end
a = n + 1
b = n + 1
print(a == b, a is b)    # True False: two separate objects, both 257

a = "good"
b = "good"
print(a is b)            # True: "good" is interned
s = "morning"
a = "very good " + s
b = "very good " + s
print(a == b, a is b)    # True False: equal, but not interned

a = []
b = []
print(a is b)            # False: every [] is a new list

# Why n + 1 and not 257? `python3 file.py` compiles the whole file at once
# and keeps one object per constant, so `a = 257` and `b = 257` in one file
# share it; typed at the >>> prompt, one statement at a time as the article
# does, they are two objects. Ints and strings computed while the program
# runs are new objects either way, small ints and one-character strings
# excepted.
