# Every [] display makes a new list.
print([] is [])
a = []
b = []
print(a is b, a == b)
c = a
print(c is a)
print({} is {})
