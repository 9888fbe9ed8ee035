async def f():
    x = await y
    z = await a.b(c)
    w = [await q for q in r]
    return await (yield)
