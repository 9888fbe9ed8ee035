# A single event line of 1 GB (no newline in it): refused without
# reading it all.
import sys
with open(sys.argv[1], "wb") as f:
    f.write(b'{"format":"refscope-trace","version":"1.0","producer":"gen",'
            b'"thresholds":[700,10,10],"files":[]}\n')
    f.write(b'{"ev":"output","text":"')
    chunk = b"x" * (1 << 20)
    for _ in range(1024):
        f.write(chunk)
