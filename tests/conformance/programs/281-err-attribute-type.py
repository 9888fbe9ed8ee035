# A missing attribute looked up on the class itself.
class C:
    present = 1

print(C.present)
C.missing
