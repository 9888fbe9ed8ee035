class MyError(Exception):
    pass

def check(v):
    if v < 0:
        raise ValueError('negative: ' + str(v))
    if v == 0:
        raise MyError('zero', v)
    return v

for v in [1, -2, 0]:
    try:
        print(check(v))
    except ValueError as e:
        print('ValueError', e, e.args)
    except MyError as e:
        print('MyError', e, e.args)

try:
    try:
        raise KeyError('inner')
    except KeyError:
        print('handling, then re-raising')
        raise
except KeyError as e:
    print('outer caught', repr(e))
