# __context__ is a reference: a handled exception lives as long as the one
# that chained to it, and goes with it.
import sys

class Loud(Exception):
    def __del__(self):
        print('freed', self.args[0])

def fail():
    try:
        raise Loud('inner')
    except Loud:
        raise Loud('outer')

try:
    fail()
except Loud as e:
    saved = e
print('caught', saved.args[0], 'context', saved.__context__.args[0])
print(sys.getrefcount(saved.__context__) - 1)
del saved
print('done')
