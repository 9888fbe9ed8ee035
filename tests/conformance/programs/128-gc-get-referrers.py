# get_referrers finds the tracked containers that hold an object. Inside a
# function the frame's locals are not among them.
import gc
def one():
    x = []
    holder = [x]
    refs = gc.get_referrers(x)
    return len(refs), refs[0] is holder

def two():
    x = []
    holder = [x]
    other = {'k': x}
    refs = gc.get_referrers(x)
    return (len(refs), refs[0] is holder or refs[1] is holder,
            refs[0] is other or refs[1] is other)

def twice():
    x = []
    holder = [x, x]
    return len(gc.get_referrers(x))

print(one())
print(two())
print(twice())
