# Zero, empty containers and None are false; everything else is true.
values = [0, 1, -1, 0.0, 0.1, '', ' ', [], [0], (), (None,), {}, {0: 0},
          None, True, False, range(0), range(1), set()]
for v in values:
    print(repr(v), bool(v))

print(len([v for v in values if v]))
