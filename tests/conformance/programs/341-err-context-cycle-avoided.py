# Raising an exception that is already in the handled exception's context
# chain cuts the chain there instead of making a cycle (_PyErr_SetObject).
try:
    try:
        raise ValueError('a')
    except ValueError:
        raise TypeError('b')
except TypeError as b:
    print(repr(b.__context__))
    a = b.__context__
    try:
        raise a
    except ValueError as again:
        print(again is a, again.__context__ is b, b.__context__)

x = KeyError('x')
y = IndexError('y')
z = ZeroDivisionError('z')
y.__context__ = x
z.__context__ = y
try:
    try:
        raise z
    except ZeroDivisionError:
        raise x
except KeyError as e:
    print(e.__context__ is z, z.__context__ is y, y.__context__)
