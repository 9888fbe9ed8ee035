# Two parameters with the same name: found when the def is compiled.
print('runs first')
def f(a, a):
    return a

print('never')
