a = 1; b = 2
x = 3;
if x: a = 1; b = 2
