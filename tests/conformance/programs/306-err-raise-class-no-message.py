# Raising the class itself: no message, so the last line is just the name.
try:
    raise ValueError
except ValueError as e:
    print(repr(e), str(e) == '')

raise ValueError
