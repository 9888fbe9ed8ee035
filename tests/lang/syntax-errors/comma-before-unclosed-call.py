(o
e(/
