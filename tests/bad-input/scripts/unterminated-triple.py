x = 1
s = """start
more
