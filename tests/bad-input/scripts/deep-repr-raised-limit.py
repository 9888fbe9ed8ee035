import sys
sys.setrecursionlimit(1000000)
x = []
for i in range(200000):
    x = [x]
print(len(repr(x)))
