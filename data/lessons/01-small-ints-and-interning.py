# Lesson 1: small ints and interned strings are shared.
# 第一课：小整数和驻留字符串是共享的。
#
# CPython keeps one object for each int from -5 to 256 and interns string
# constants that look like identifiers. Other equal values made in separate
# statements are separate objects: `is` compares identity, not value.
a = 1
b = 1
print(a is b)            # True: both names refer to the cached 1

a = 257
b = 257
print(a is b)            # False: each statement made its own 257

a = "good"
b = "good"
print(a is b)            # True: "good" is interned

a = "very good morning"
b = "very good morning"
print(a is b)            # False: not identifier-like, not interned

a = []
b = []
print(a is b)            # False: every [] is a new list
