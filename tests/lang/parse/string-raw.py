a = r'\n stays'
b = R"\d+\.\d*"
c = rb'\x00'
d = Rb'raw'
e = br'x\y'
f = r'''multi
\line'''
