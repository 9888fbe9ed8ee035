# Unbounded recursion raises RecursionError; the default limit is 1000.
import sys
print(sys.getrecursionlimit())
def down(n):
    return down(n + 1)

try:
    down(0)
except RecursionError as e:
    print(type(e).__name__, e)

print(isinstance(RecursionError(), RuntimeError))
def deep(n):
    if n == 0:
        return 0
    return 1 + deep(n - 1)

print(deep(500))
