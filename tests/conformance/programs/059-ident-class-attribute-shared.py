# Instances share a class attribute until they assign their own.
class C:
    items = []

a = C()
b = C()
print(a.items is b.items is C.items)
a.items.append(1)
print(b.items)
a.items = [2]
print(a.items is C.items, C.items, a.items)
