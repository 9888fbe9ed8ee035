x = 10
def f():
    print(x)
    x = 20

f()
