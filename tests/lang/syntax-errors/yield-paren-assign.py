(yield i) = 2
