if a:
    pass
elif b:
    pass
elif c:
    x = 1
else:
    y = 2
if x: y = 1
if z:
    pass
else:
    if w:
        pass
