try:
    pass
finally:
    pass
try:
    x = 1
except E:
    pass
finally:
    y = 2
