l = []
l.append(l)
print(l)
l.append(1)
print(l)
d = {}
d['self'] = d
print(d)
a = [1]
b = [a]
a.append(b)
print(a, b)
e = {'list': []}
e['list'].append(e)
print(e)
t = ([],)
t[0].append(t)
print(t)
