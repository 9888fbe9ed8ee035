# Recursion that passes through C: list(map(f, ...)) calls f again from
# inside map's iteration. CPython 3.11 counts only the Python frames here
# (map and list are called through vectorcall), so the RecursionError comes
# near the limit, as for plain recursion, with the plain message; and the C
# stack must hold that many levels of the interpreter. (The exact depth
# depends on the frames below the program, so only its size is printed.)
depth = 0


def through_map(n):
    global depth
    depth = n
    return list(map(through_map, [n + 1]))


def through_filter(n):
    global depth
    depth = n
    return list(filter(through_filter, [n + 1]))


def through_star(n):
    global depth
    depth = n
    args = [n + 1]
    return through_star(*args)


def report(descend):
    try:
        descend(0)
    except RecursionError as e:
        print(descend.__name__, 'past depth 900:', depth > 900, e)


report(through_map)
report(through_filter)
report(through_star)
