def attempt(x):
    try:
        print('trying', x)
        r = 10 // x
    except ZeroDivisionError:
        print('cannot divide by zero')
        return 'error'
    else:
        print('no exception, result', r)
        return r
    finally:
        print('finally for', x)

print(attempt(2))
print(attempt(0))
