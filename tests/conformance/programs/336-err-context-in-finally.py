# A finally block that raises while an exception passes through it chains to
# that exception; a finally block reached normally chains to nothing.
def through():
    try:
        raise KeyError('passing')
    finally:
        raise ValueError('from finally')

def normal():
    try:
        pass
    finally:
        raise ValueError('plain finally')

try:
    through()
except ValueError as e:
    print(repr(e), repr(e.__context__))

try:
    normal()
except ValueError as e:
    print(repr(e), e.__context__)

try:
    try:
        1 / 0
    finally:
        print('finally runs')
except ZeroDivisionError as e:
    print(repr(e), e.__context__)
