def f(s):
    return ('é', s + 1)
f('ü')
