# With the typo fixed, clear() deletes from globals() while iterating over
# it, and CPython stops it with a RuntimeError.
def clear():
    for key, value in globals().items():
        if callable(value) or value.__class__.__name__ == "module":
            continue
        del globals()[key]

a = 1
b = "two"
print('calling')
clear()
