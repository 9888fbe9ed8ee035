# Floor division and modulo round toward negative infinity.
print(7 + 3, 7 - 10, 6 * 7)
print(7 // 2, -7 // 2, 7 // -2, -7 // -2)
print(7 % 2, -7 % 2, 7 % -2, -7 % -2)
print(2 ** 10, (-2) ** 3, 2 ** 0)
print(2 ** -1, 10 ** -2)
print(-3 * -3, +5, -(-5))
print(abs(-12), abs(12), abs(0))
x = 17
print(x // 5 * 5 + x % 5 == x)
