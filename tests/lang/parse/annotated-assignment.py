x: int
y: int = 1
z: list[int] = []
a.b: str
c[0]: float = 1.0
(d): int = 2
e: 'forward'
