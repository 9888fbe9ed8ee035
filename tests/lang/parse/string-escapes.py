a = 'tab\there\nnewline\\ back \' \"'
b = '\x41\x7e\x00end'
c = '\u00e9\u4e2d\U0001F600'
d = '\101\0\7\777'
e = '\a\b\f\v\r'
f = 'unknown \q escape'
g = 'line\
continued'
