# A keyword argument that matches no parameter.
def f(a):
    return a

print(f(a=1))
f(b=1)
