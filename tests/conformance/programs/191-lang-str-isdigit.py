print("123".isdigit(), "12a".isdigit(), "".isdigit())
print("-5".isdigit(), " 7".isdigit(), "007".isdigit())
text = "a1b22c333"
digits = ""
for ch in text:
    if ch.isdigit():
        digits += ch

print(digits, int(digits) + 1)
words = "10 apples and 20 pears".split()
print([int(w) for w in words if w.isdigit()])
