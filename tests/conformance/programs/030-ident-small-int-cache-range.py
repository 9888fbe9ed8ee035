# Every int in [-5, 256] is one preallocated object, however it was made.
# int(str(i)) builds a fresh value at run time; it is "is"-identical to i
# only inside the cache.
same = []
for i in range(-10, 262):
    if int(str(i)) is i:
        same.append(i)
print(len(same), same[0], same[-1])
