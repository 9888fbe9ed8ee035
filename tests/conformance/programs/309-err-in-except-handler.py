# An exception raised while handling another: the new one is reported last.
try:
    {}['missing']
except KeyError:
    print('handling KeyError')
    1 / 0
