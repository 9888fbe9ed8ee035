# Five million short-lived two-item lists: allocation and refcount freeing.
def run(n):
    for i in range(n):
        a = [i, i]
    return a

run(5_000_000)
