def g():
    yield
    yield 1
    yield 1, 2
    x = yield
    y = yield z
    yield from w
    await_ = (yield)
    z = yield *a, b
