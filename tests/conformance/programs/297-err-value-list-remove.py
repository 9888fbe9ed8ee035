# remove() deletes the first equal item, or raises if there is none.
l = [1, 2, 3, 2]
l.remove(2)
print(l)
l.remove(2)
print(l)
l.remove(2)
