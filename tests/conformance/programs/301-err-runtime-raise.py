# raise with an exception instance; the message is its argument.
def check(ok):
    if not ok:
        raise RuntimeError('something went wrong')
    return 'fine'

print(check(True))
check(False)
