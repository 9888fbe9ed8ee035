def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)

show(lambda: undefined)
show(lambda: 1 + 'a')
show(lambda: 'a' + 1)
nothing = None
show(lambda: nothing())
show(lambda: [][0])
show(lambda: {}['k'])
show(lambda: {}[1])
show(lambda: 1 // 0)
show(lambda: 1 % 0)
show(lambda: 1 / 0)
show(lambda: int('x'))
show(lambda: [].remove(1))
show(lambda: [].pop())
one = 1
show(lambda: one.foo)
show(lambda: len(1))
