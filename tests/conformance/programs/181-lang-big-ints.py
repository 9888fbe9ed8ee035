# Ints have arbitrary precision.
print(10 ** 20)
print(2 ** 100)
print(-(2 ** 64))
n = 1
for i in range(1, 31):
    n *= i

print(n)
print(n // 10 ** 20, n % 1000003)
print(2 ** 100 - 2 ** 99 == 2 ** 99)
print(int("123456789012345678901234567890") + 1)
print(str(3 ** 50))
print(len(str(2 ** 1000)))
print(-(10 ** 20) // 7, -(10 ** 20) % 7)
