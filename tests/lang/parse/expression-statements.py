x
x.y
x()
1
'string'
...
-x
x + y
[1, 2]
