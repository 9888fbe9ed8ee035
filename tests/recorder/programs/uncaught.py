# An uncaught exception ends the program with status 1.
def fail(items):
    return items[5]


data = [1, 2]
fail(data)
