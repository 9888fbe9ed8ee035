s = "Python"
print(len(s), s[0], s[-1], s[1:4])
print(s + "!" * 3)
print(s * 2)
print(s == "Python", s != "python")
for ch in "abc":
    print(ch, end=' ')

print()
print(list("hey"))
print("py" in s, s.lower().upper())
print(len('中文'), '中文'[1] == '文')
