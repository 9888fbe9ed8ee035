def f():
    for i in x:
        if i:
            while y:
                try:
                    with z:
                        pass
                except E:
                    pass
