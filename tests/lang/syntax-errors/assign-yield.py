yield x = 1
