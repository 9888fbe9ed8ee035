# sys.exit's code is the trace's status.
import sys

print("bye")
sys.exit(3)
