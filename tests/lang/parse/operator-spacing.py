x=1+2*3
y=a<b>c
z=-1**-2
w=a if b else-c
