def show(f):
    try:
        f()
    except TypeError as e:
        print(e)

def two(a, b):
    return a

show(lambda: two(1))
show(lambda: two())
show(lambda: two(1, 2, 3))
show(lambda: two(1, c=2))
show(lambda: two(1, 2, a=3))
five = 5
show(lambda: five[0])
show(lambda: [1] + (2,))
show(lambda: 'a' * 'b')
show(lambda: -'a')
show(lambda: 1 < None)
show(lambda: {}[[]])
