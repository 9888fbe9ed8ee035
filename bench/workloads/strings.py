# String building: concatenation, join, f-strings and methods.
def run(n):
    parts = []
    for i in range(n):
        parts.append(f"item {i}: {i * i}")
    text = ", ".join(parts)
    words = text.split(", ")
    total = 0
    for w in words:
        total += len(w.upper())
    s = ""
    for i in range(n // 10):
        s += str(i)
    return total + len(s)

print(run(500_000))
