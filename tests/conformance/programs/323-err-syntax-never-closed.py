# An opening bracket without its closing one; the error points at the
# bracket, not at the line where the parser gave up.
numbers = [1, 2, 3]
total = sum([1, 2, 3
print(total)
