class Tracker:
    live = 0
    def __init__(self):
        Tracker.live += 1
    def __del__(self):
        Tracker.live -= 1

a = Tracker()
b = Tracker()
l = [Tracker() for _ in range(3)]
print(Tracker.live)
del a
print(Tracker.live)
l.pop()
print(Tracker.live)
l = None
print(Tracker.live)
