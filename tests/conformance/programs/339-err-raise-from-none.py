# `raise X from None` leaves no cause but suppresses the context, which is
# still recorded; uncaught, only the new exception is reported.
try:
    try:
        {}['key']
    except KeyError:
        raise ValueError('replaced') from None
except ValueError as e:
    print(e.__cause__, e.__suppress_context__, repr(e.__context__))

try:
    raise ValueError('outside') from None
except ValueError as e:
    print(e.__cause__, e.__suppress_context__, e.__context__)

def lookup(d, k):
    try:
        return d[k]
    except KeyError:
        raise LookupError('no ' + k) from None

print(lookup({'a': 1}, 'a'))
lookup({}, 'b')
