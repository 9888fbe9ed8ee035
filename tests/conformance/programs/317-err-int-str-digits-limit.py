# Converting between int and a decimal string of more than 4300 digits is
# refused (a guard against quadratic conversions).
n = 10 ** 5000
print(len(hex(n)))
try:
    s = str(n)
except ValueError as e:
    print(type(e).__name__)

int('9' * 5000)
