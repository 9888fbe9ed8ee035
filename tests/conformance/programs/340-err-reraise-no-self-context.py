# Raising again the exception being handled does not make it its own
# context, by name or with a bare raise.
try:
    try:
        raise ValueError('same')
    except ValueError as e:
        raise e
except ValueError as e:
    print(repr(e), e.__context__)

try:
    try:
        raise ValueError('bare')
    except ValueError:
        raise
except ValueError as e:
    print(repr(e), e.__context__)

saved = None
try:
    try:
        raise KeyError('k')
    except KeyError as k:
        saved = k
        try:
            raise IndexError('i')
        except IndexError:
            raise k
except KeyError as e:
    print(e is saved, repr(e.__context__), e.__context__.__context__ is None)
