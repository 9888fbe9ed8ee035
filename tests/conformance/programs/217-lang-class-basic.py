class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)
    def length2(self):
        return self.x ** 2 + self.y ** 2

p = Point(3, 4)
q = p.moved(1, 1)
print(p.x, p.y, q.x, q.y)
print(p.length2(), Point.length2(q))
p.x = 10
print(p.x, q.x)
p.label = 'new attribute'
print(p.label)
