# An unknown name is a NameError; what was printed before the error is
# still part of the output, and nothing after it runs.
print('before')
b = 1
print(a)
print('never')
