parts = []
for i in range(5):
    parts.append(str(i) * i)

print(parts)
print('|'.join(parts))
s = ''
for word in ['a', 'bb', 'ccc']:
    s += word + ' '

print(s.strip() + '.')
print(('ab' * 3).upper().replace('A', '-'))
print(len(' '.join(['x'] * 4)))
