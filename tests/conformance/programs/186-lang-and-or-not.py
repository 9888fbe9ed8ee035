# and/or return one of their operands, not necessarily a bool.
print(0 or 'x', 'a' or 'b', '' or [] or 0)
print(1 and 2, 0 and 2, [] and 'never')
print(not 0, not 'a', not [], not None)
def say(v):
    print('called', v)
    return v

print(say(0) and say(1))
print(say(1) or say(2))
print(say(None) or say(0) or say('last'))
