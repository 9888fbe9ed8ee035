# Dedenting to a column that no enclosing block uses.
print('start')
if True:
        x = 1
    y = 2
