# The __exit__ protocol driven by hand from a handler (the subset has no
# `with`): what the method raises chains to the exception it was given.
class Manager:
    def __enter__(self):
        print('enter')
        return self
    def __exit__(self, kind, value, tb):
        print('exit sees', kind.__name__, value)
        raise KeyError('raised in __exit__')

m = Manager()
m.__enter__()
try:
    try:
        1 / 0
    except BaseException as e:
        if not m.__exit__(type(e), e, None):
            raise
except KeyError as k:
    print(repr(k), repr(k.__context__))
