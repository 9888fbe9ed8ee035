a = u'unicode'
b = U'upper'
c = u'a' 'b'
d = 'a' u'b'
