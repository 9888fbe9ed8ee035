# An exception instance with no arguments prints as its name alone.
e = KeyError()
print(repr(e), e.args)
f = KeyError('k')
print(repr(f), f.args)
raise e
