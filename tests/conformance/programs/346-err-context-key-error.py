# A KeyError from a dict or a set raised inside a handler chains to the
# exception being handled, as any other raise does.
d = {}
s = set()
try:
    try:
        1 / 0
    except ZeroDivisionError:
        d["missing"]
except KeyError as e:
    print(type(e).__name__, e, type(e.__context__).__name__)
try:
    try:
        int("x")
    except ValueError:
        s.remove(3)
except KeyError as e:
    print(type(e).__name__, e, type(e.__context__).__name__)
try:
    d[1]
except KeyError as e:
    print(e.__context__)
