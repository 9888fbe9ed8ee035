if (n := len(a)) > 10:
    pass
while (line := f()):
    pass
print(y := 5)
x = (z := 1)
