# A file that does not parse runs nothing at all: this print never happens
# and stdout stays empty.
print('this line never runs')
x = 1
print('abc)
