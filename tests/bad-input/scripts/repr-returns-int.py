class R:
    def __repr__(self):
        return 5
print(R())
