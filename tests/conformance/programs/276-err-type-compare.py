# Sorting compares items with <, which is not defined between str and int.
items = [3, 2, 1]
items.sort()
print(items)
items = [3, 'a', 1]
items.sort()
