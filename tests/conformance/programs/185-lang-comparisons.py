# Chained comparisons evaluate each operand once.
print(1 < 2 < 3, 1 < 3 > 2, 3 > 2 > 2)
print(1 == 1.0, 2 == 2.5, 0 == False)
print('a' < 'b', 'abc' < 'abd', 'Z' < 'a', '' < 'a')
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], (1, 2) == (1, 2))
print(None == None, None != 0, [] == [], {} == {})
print({1: 'a'} == {1: 'a'}, [1, [2]] == [1, [2]])
def f(v):
    print('eval', v)
    return v

print(f(1) < f(2) < f(0) < f(5))
