# Floor division of ints by zero has its own wording.
x = 0
print(x // 7)
print(7 // x)
print('never')
