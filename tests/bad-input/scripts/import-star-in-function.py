def f():
    from gc import *
