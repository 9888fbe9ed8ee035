# Python 2's print statement gets a specific hint, and since the file does
# not parse, not even the first print runs.
print('python 3')
x = 1
print "hello"
