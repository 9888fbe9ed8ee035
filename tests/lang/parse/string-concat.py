a = 'a' 'b' "c"
b = ('one'
     'two'
     'three')
c = '''x''' 'y'
