import sys
sys.setrecursionlimit(1000000)
a = []
b = []
for i in range(200000):
    a = [a]
    b = [b]
print(a == b)
