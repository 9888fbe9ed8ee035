# A function body must be indented.
print('start')

def f():
return 1
