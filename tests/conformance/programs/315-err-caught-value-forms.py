def show(f):
    try:
        f()
    except ValueError as e:
        print(e)

show(lambda: int(''))
show(lambda: int('1.5'))
show(lambda: int('ten'))
show(lambda: float('x'))
show(lambda: [1].index(9))
show(lambda: 'abc'.index('z'))
