def show(f):
    try:
        f()
    except ValueError as e:
        print(e)

def two():
    a, b = [1, 2, 3]

def three():
    a, b, c = 'ab'

def star():
    a, b, *c = [1]

show(two)
show(three)
show(star)
