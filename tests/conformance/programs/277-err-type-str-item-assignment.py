# Strings are immutable: build a new one instead.
s = 'hello'
t = 'H' + s[1:]
print(t)
s[0] = 'H'
