class Plain:
    pass

class WithCall:
    def __call__(self):
        return 'called'

def f():
    pass

print(callable(f), callable(len), callable(Plain), callable(lambda: 0))
print(callable(Plain()), callable(WithCall()), callable(1), callable('s'))
print(WithCall()())
