def f(n):
    try:
        raise ValueError(n)
    except ValueError:
        if n < 300:
            f(n + 1)
        else:
            raise
f(0)
