a = {x for x in y}
b = {k: v for k, v in d.items()}
c = {k: v for k in a if k for v in b}
