s = "  Hello, World!  "
print(s.strip() + '|')
print(s.lstrip() + '|')
print(s.rstrip() + '|')
print(s.upper())
print(s.lower())
print("xxhixx".strip('x'))
print("..a.b..".strip('.'), "abcab".lstrip('ab'), "abcab".rstrip('ab'))
