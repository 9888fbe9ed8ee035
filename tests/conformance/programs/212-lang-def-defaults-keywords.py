def greet(name, greeting='Hello', punct='!'):
    return greeting + ', ' + name + punct

print(greet('Ann'))
print(greet('Bob', 'Hi'))
print(greet('Cy', punct='?'))
print(greet(greeting='Yo', name='Di'))
def append_to(item, target=[]):
    target.append(item)
    return target

print(append_to(1))
print(append_to(2))
def safe(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target

print(safe(1), safe(2))
