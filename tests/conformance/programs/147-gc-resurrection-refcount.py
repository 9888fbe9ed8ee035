# Resurrection when the refcount reaches zero.
saved = []
class Phoenix:
    def __del__(self):
        print('finalizing')
        saved.append(self)

p = Phoenix()
del p
print(len(saved))
q = saved.pop()
del q
print(len(saved))
