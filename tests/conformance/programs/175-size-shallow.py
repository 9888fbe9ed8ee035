# getsizeof counts the container, not what it refers to.
import sys
inner = list(range(1000))
outer = [inner]
print(sys.getsizeof(outer))
print(sys.getsizeof([inner, inner]))
print(sys.getsizeof({'k': inner}) == sys.getsizeof({'k': 0}))
