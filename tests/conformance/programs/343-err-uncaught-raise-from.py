# An uncaught exception with an explicit cause: the cause's traceback is
# printed first, then "The above exception was the direct cause...".
def load(d, key):
    try:
        return d[key]
    except KeyError as e:
        raise LookupError('missing setting ' + key) from e

print(load({'a': 1}, 'a'))
load({}, 'b')
