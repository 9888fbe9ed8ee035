# clear() variant that keeps dunder names and reports what it deleted.
def clear():
    deleted = []
    for key in list(globals()):
        value = globals()[key]
        if key.startswith('__') or callable(value):
            continue
        del globals()[key]
        deleted.append(key)
    return deleted

x = 10
y = [x]
z = {'k': y}
print(clear())
print('x' in globals(), 'clear' in globals())
