def f(**k): pass
try:
    f(**1)
except TypeError as e:
    print(e)
try:
    f(**{'a':1}, **{'a':2})
except TypeError as e:
    print(e)
try:
    f(*1)
except TypeError as e:
    print(e)
try:
    dict(**{'a':1}, **{'a':2})
except TypeError as e:
    print(e)
try:
    len(*1)
except TypeError as e:
    print(e)
try:
    dict(**1)
except TypeError as e:
    print(e)
