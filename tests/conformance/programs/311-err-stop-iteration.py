# next() past the end raises StopIteration, which has no message.
it = iter([1])
print(next(it))
print(next(it, 'default'))
next(it)
