a = [y for x in data if (y := f(x))]
b = [last := x for x in range(3)]
