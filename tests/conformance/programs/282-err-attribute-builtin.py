# Lists have append, not push.
l = [1, 2]
l.append(3)
print(l)
l.push(3)
