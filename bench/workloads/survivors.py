# Two million one-item lists that all survive, with the collector enabled:
# generation 0 fills and is collected over and over, survivors move up.
def run(n):
    keep = []
    for i in range(n):
        keep.append([i])
    return len(keep)

print(run(2_000_000))
