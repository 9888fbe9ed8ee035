d = {}
print(d.setdefault('x', []))
d.setdefault('x', []).append(1)
d.setdefault('x', []).append(2)
print(d)
d.update({'y': 2, 'x': 0})
print(d)
d.update(z=3)
print(d)
e = d.copy()
e['y'] = 20
print(d['y'], e['y'])
d.clear()
print(d, e)
