a = {1}
b = {1, 2, 3}
c = {*a, *b}
d = {x for x in y}
