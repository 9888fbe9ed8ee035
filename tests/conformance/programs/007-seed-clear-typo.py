# Calling the seed's clear(): the first global that is not callable is
# '__name__', a str, and "value.g__class__" is an AttributeError.
def clear():
    for key, value in globals().items():
        if callable(value) or value.g__class__.__name__ == "module":
            continue
        del globals()[key]

a = 1
print('calling')
clear()
