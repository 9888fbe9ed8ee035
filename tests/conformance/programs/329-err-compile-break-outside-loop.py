# Errors found by the compiler rather than the parser come up when their
# statement is compiled, after the earlier statements have run (as at the
# interactive prompt).
print('runs first')
break
