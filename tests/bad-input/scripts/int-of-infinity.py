x = int(float('inf'))
