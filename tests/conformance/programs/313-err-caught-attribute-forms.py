class C:
    pass

def show(f):
    try:
        f()
    except AttributeError as e:
        print(e)

show(lambda: C().x)
show(lambda: C.y)
show(lambda: 'str'.nope)
show(lambda: [].nope)
show(lambda: None.nope)
