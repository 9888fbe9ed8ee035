# Indexing an int. (Written through a name: `5[0]` would also draw a
# compile-time SyntaxWarning.)
x = 5
l = [x]
print(l[0])
print(x[0])
