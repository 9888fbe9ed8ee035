raise
raise ValueError
raise ValueError('x')
raise ValueError from None
raise ValueError('x') from err
