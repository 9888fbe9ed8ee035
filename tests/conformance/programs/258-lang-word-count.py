text = "the cat and the dog and the bird"
counts = {}
for w in text.split():
    counts[w] = counts.get(w, 0) + 1

print(counts)
for w in sorted(counts, key=lambda k: (-counts[k], k)):
    print(w, counts[w])

print(max(counts, key=lambda k: counts[k]))
