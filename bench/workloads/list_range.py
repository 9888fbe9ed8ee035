# The seed's first example, at a size both interpreters can hold: a list of
# ten million ints built from a lazy range, then freed by del alone.
x = list(range(10_000_000))
del x
