# A header line of 1 GB.
import sys
with open(sys.argv[1], "wb") as f:
    f.write(b'{"format":"refscope-trace","producer":"')
    chunk = b"y" * (1 << 20)
    for _ in range(1024):
        f.write(chunk)
