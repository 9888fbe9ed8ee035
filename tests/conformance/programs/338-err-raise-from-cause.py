# `raise X from Y` sets __cause__ and __suppress_context__; __context__ is
# still set when it happens inside a handler. A class as cause is called.
try:
    raise ValueError('v') from KeyError('k')
except ValueError as e:
    print(repr(e.__cause__), e.__suppress_context__, e.__context__)

try:
    try:
        raise IndexError('handled')
    except IndexError as h:
        raise ValueError('v') from TypeError
except ValueError as e:
    print(repr(e.__cause__), e.__suppress_context__, repr(e.__context__))

try:
    try:
        raise IndexError('handled')
    except IndexError as h:
        raise ValueError('v') from h
except ValueError as e:
    print(e.__cause__ is e.__context__, repr(e.__cause__))

for bad in [3, 'text', int]:
    try:
        raise ValueError('v') from bad
    except TypeError as e:
        print(type(bad).__name__, e, e.__context__)

e = KeyError('manual')
e.__cause__ = IndexError('set by hand')
print(repr(e.__cause__), e.__suppress_context__)
e.__suppress_context__ = False
print(e.__suppress_context__)
