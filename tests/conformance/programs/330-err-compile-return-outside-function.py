# 'return' at module level is a compiler error too: the statements before
# it run.
print('runs first')
x = 5
return x
