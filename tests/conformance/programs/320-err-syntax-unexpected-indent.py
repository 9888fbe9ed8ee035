# Indentation has to follow a block opener.
x = 1
print(x)
    y = 2
print(y)
