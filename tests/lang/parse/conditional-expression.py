a = 1 if c else 2
b = x if y else z if w else v
c = (lambda: 1) if x else None
