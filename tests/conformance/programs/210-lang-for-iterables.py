for i in range(3):
    print('range', i)

for x in [1, 'two', 3.0]:
    print('list', x)

for x in (4, 5):
    print('tuple', x)

for ch in 'hi':
    print('str', ch)

d = {'a': 1, 'b': 2}
for k in d.keys():
    print('key', k)

for v in d.values():
    print('value', v)

for k, v in d.items():
    print('item', k, v)
