# Two adjacent constants where a comma was probably meant: the parser
# suggests the comma.
a = "a"
print(a)
print("a" "b" 1)
