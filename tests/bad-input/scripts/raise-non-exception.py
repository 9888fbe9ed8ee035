raise 1
