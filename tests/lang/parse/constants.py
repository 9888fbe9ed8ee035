a = True
b = False
c = None
d = ...
e = [True, False, None, ...]
