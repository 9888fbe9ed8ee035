# More objects than --max-objects allows: the recorder stops it.
rows = []
for i in range(3000):
    rows.append({"n": i})
print(len(rows))
