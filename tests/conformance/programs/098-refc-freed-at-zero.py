# At refcount zero an object is freed immediately: its __del__ runs during
# the del statement, before the next print.
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('freed', self.name)

a = Noisy('a')
b = a
del a
print('after del a')
del b
print('after del b')
Noisy('temp')
print('end')
