# Nested handlers: each new exception chains to the innermost one being
# handled, and leaving an inner handler restores the outer one as context.
def chain(e):
    names = []
    while e is not None:
        names.append(type(e).__name__ + ':' + str(e))
        e = e.__context__
    return ' <- '.join(names)

try:
    try:
        raise KeyError('a')
    except KeyError:
        try:
            raise IndexError('b')
        except IndexError:
            try:
                raise TypeError('c')
            except TypeError:
                pass
            raise ValueError('d')
except ValueError as e:
    print(chain(e))

try:
    try:
        raise KeyError('outer')
    except KeyError:
        try:
            raise IndexError('inner')
        except IndexError:
            pass
        raise ValueError('after inner')
except ValueError as e:
    print(chain(e))
