# Mixing tabs and spaces so that the meaning depends on the tab width.
def f(x):
	return x
        pass

print(f(1))
