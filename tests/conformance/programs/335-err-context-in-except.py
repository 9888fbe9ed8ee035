# An exception raised inside an except block takes the one being handled as
# its __context__, whether the raise statement or a failing operation made it.
try:
    try:
        raise KeyError('first')
    except KeyError:
        raise ValueError('second')
except ValueError as e:
    print(type(e.__context__).__name__, e.__context__)
    print(e.__cause__, e.__suppress_context__)

try:
    try:
        [][1]
    except IndexError:
        1 / 0
except ZeroDivisionError as e:
    print(repr(e.__context__))

try:
    try:
        raise TypeError('t')
    except TypeError:
        int('nope')
except ValueError as e:
    print(repr(e), repr(e.__context__))

try:
    raise ValueError('alone')
except ValueError as e:
    print(e.__context__, e.__cause__, e.__suppress_context__)
