class Outer:
    class Inner:
        def method(self):
            def helper():
                return lambda: self
            return helper
