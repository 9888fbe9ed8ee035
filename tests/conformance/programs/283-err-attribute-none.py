# A function that returns nothing returns None, which has no append.
def make():
    l = []

x = make()
x.append(1)
