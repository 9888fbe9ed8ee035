class C:
    def __init__(self):
        self.child = C()
C()
