x = 10
x += 5
x -= 3
x *= 2
x //= 5
x %= 3
x **= 3
print(x)
s = "ab"
s += "cd"
s *= 2
print(s)
class C:
    pass

c = C()
c.n = 1
c.n += 41
print(c.n)
l = [1, 2]
l[0] += 10
l *= 2
print(l)
d = {'k': 1}
d['k'] += 1
print(d)
f = 1.5
f /= 2
print(f)
