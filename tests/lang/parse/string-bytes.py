a = b'abc'
b = B"\x00\xff\n"
c = b'\101\q'
d = b''
e = b'a' b'b' b"c"
