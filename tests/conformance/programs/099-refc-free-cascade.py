# Freeing a container releases what it holds, in order.
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('freed', self.name)

l = [Noisy('first'), Noisy('second'), Noisy('third')]
print('made')
del l
print('after del')
d = {'x': Noisy('dx'), 'y': Noisy('dy')}
d = None
t = (Noisy('t1'), Noisy('t2'))
t = 0
print('end')
