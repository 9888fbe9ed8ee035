# Lesson 7: globals() is a dict, and the article's clear() does not work.
# 第七课：globals() 是一个字典，而文章中的 clear() 无法运行。
#
# Every global name is a key of this dict, and it holds a reference to its
# value. The article's clear() has a typo (value.g__class__) and deletes
# from the dict while iterating over it, which Python refuses.
x = [1, 2, 3]
print("x" in globals(), globals()["x"] is x)

def clear():
    for key, value in list(globals().items()):
        if callable(value) or value.__class__.__name__ == "module":
            continue
        if key.startswith("__"):
            continue
        del globals()[key]

clear()
print("x" in globals())          # False: the list lost its last reference

def clear_as_written():
    for key, value in globals().items():
        if callable(value) or value.__class__.__name__ == "module":
            continue
        del globals()[key]

y = 1
clear_as_written()               # RuntimeError: dictionary changed size during iteration
