print({"a": 1)
