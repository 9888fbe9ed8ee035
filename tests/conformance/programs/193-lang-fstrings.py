x = 42
y = 3.14159
s = 'hi'
print(f"[{x:>5}]")
print(f"[{x:<5}]")
print(f"[{x:^7}]")
print(f"[{x:05d}]")
print(f"{y:.2f} {y:.0f} {y:8.3f}|")
print(f"{s!r} {s} {x!r}")
print(f"{x + 1} {x * 2} {s.upper()}")
print(f"{{literal}} {x}")
print(f"{1000000:,}")
print(f"{255:x} {255:X} {255:#x}")
print(f"{s:>4}|{s:*<6}|{x:+d}")
print(f"{-3:5}|{-3:<5}|{2.5:6.2f}|{7:3d}|")
