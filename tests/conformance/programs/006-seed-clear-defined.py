# The seed's clear() exactly as printed; defining it is fine, the typo only
# bites when it runs.
def clear():
    for key, value in globals().items():
        if callable(value) or value.g__class__.__name__ == "module":
            continue
        del globals()[key]

print(callable(clear))
