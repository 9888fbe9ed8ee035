a = [3, 1, 2]
a.sort(key=lambda x: a.append(1))
