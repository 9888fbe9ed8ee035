class Resource:
    def __init__(self, name):
        self.name = name
        print('open', name)
    def __del__(self):
        print('close', self.name)

def use():
    r = Resource('local')
    print('using', r.name)

use()
print('after use')
r = Resource('global')
r = Resource('replacement')
print('rebound')
del r
print('end')
