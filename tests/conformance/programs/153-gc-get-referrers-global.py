# At module level the globals dict is one of the referrers.
import gc
x = []
holder = [x]
refs = gc.get_referrers(x)
print(len(refs))
print(refs[0] is globals() or refs[1] is globals())
print(refs[0] is holder or refs[1] is holder)
