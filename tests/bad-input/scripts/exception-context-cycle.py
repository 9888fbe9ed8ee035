e = ValueError('again')
try:
    try:
        raise e
    except ValueError:
        raise e
except ValueError:
    pass
raise e
