# An uncaught exception raised while handling another: both tracebacks are
# printed, joined by "During handling...", the last one last.
def parse(text):
    try:
        return int(text)
    except ValueError:
        raise RuntimeError('cannot parse ' + repr(text))

print(parse('12'))
parse('twelve')
