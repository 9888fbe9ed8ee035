def no_return():
    pass

v = no_return()
print(v + 1)
