# pop() from an empty list.
l = [1]
print(l.pop())
print(l)
l.pop()
