x = 'global x'
squares = [x * x for x in range(4)]
print(x, squares)
def f():
    y = 10
    return [y + i for i in range(3)]

print(f())
funcs = [lambda: i for i in range(3)]
print([g() for g in funcs])
