def outer(n):
    def middle(m):
        def inner(k):
            return n * 100 + m * 10 + k
        return inner
    return middle

print(outer(1)(2)(3))
def compose(f, g):
    def h(x):
        return f(g(x))
    return h

inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
