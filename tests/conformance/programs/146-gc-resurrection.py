# __del__ can resurrect its object by storing it somewhere reachable; it is
# not finalized a second time.
import gc
saved = []
class Phoenix:
    def __del__(self):
        print('finalizing')
        saved.append(self)

p = Phoenix()
p.me = p
del p
print(gc.collect())
print(len(saved))
p = saved.pop()
print(p.me is p)
del p
print(gc.collect())
print(len(saved))
