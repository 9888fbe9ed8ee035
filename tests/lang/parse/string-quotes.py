a = 'single'
b = "double"
c = '''triple
single'''
d = """triple
double"""
e = ''
f = ""
g = 'it"s'
h = "it's"
i = 'both \' and "'
