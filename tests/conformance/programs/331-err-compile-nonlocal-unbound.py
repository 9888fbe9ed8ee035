# nonlocal must name a variable of an enclosing function; the symbol table
# finds out when the def statement is compiled.
print('runs first')
def f():
    nonlocal q
    q = 1
