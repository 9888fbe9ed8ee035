def f():
    try:
        return [][0]
    finally:
        print('finally runs first')

f()
