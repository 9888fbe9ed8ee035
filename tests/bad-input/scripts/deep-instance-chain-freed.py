class Node:
    pass

x = None
for i in range(300000):
    n = Node()
    n.next = x
    x = n
del x, n
print(undefined_after_free)
