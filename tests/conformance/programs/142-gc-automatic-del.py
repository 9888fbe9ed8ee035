# An automatic collection runs in the middle of an allocation: the cycle's
# __del__ runs between two steps of the loop. Events go to a list rather
# than to print(), whose buffering allocates objects of its own.
import gc
log = []
class Noisy:
    def __init__(self, name):
        self.name = name
        self.me = self
    def __del__(self):
        log.append('collected ' + self.name)

def run():
    gc.collect()
    gc.set_threshold(5)
    Noisy('x')
    keep = []
    for i in range(8):
        log.append('alloc %d' % i)
        keep.append([i])
    gc.set_threshold(700)

run()
for line in log:
    print(line)
