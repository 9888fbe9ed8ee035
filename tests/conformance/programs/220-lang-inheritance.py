class Animal:
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + ' makes a sound'
    def describe(self):
        return 'I am ' + self.name + ': ' + self.speak()

class Dog(Animal):
    def speak(self):
        return self.name + ' barks'

class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return super().speak() + ' softly'

for a in [Animal('generic'), Dog('Rex'), Puppy('Bit', 1)]:
    print(a.describe())

p = Puppy('Bit', 1)
print(p.age, p.name)
print(isinstance(p, Puppy), isinstance(p, Dog), isinstance(p, Animal))
print(isinstance(Dog('x'), Puppy))
