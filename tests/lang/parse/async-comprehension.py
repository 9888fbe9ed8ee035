async def f():
    a = [x async for x in y]
    b = {x: 1 async for x in y}
    c = [await z for z in w]
