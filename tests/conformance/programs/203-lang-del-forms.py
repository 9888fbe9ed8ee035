class C:
    pass

x = 5
del x
print('x' in globals())
c = C()
c.a = 1
c.b = 2
del c.a
print(list(c.__dict__))
l = [1, 2, 3, 4, 5]
del l[0]
del l[-1]
print(l)
del l[:]
print(l)
d = {'k': 1, 'j': 2}
del d['k']
print(d)
a = b = 1
del a, b
print('a' in globals(), 'b' in globals())
