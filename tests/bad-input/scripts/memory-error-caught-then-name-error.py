try:
    x = [0] * (10**9)
except MemoryError:
    print('caught')
print(missing)
