s = "the quick brown fox jumps over the lazy dog"
print(s.find('the'), s.find('the', 1), s.find('cat'))
print(s.index('quick'))
print(s.count('the'), s.count('o'), s.count(''))
print(s.startswith('the'), s.endswith('dog'), s.startswith('quick', 4))
print(s.replace('the', 'a'))
print(s.replace('o', '0', 2))
print(s.find('o', 13, 15), s.index('dog'))
