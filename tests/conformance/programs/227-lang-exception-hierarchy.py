def catch(func):
    try:
        func()
    except LookupError as e:
        return 'LookupError: ' + type(e).__name__
    except ArithmeticError as e:
        return 'ArithmeticError: ' + type(e).__name__
    except (TypeError, ValueError) as e:
        return 'Type/Value: ' + type(e).__name__
    except Exception as e:
        return 'Exception: ' + type(e).__name__
    return 'nothing'

print(catch(lambda: [][1]))
print(catch(lambda: {}['k']))
print(catch(lambda: 1 // 0))
print(catch(lambda: int('q')))
print(catch(lambda: len(5)))
print(catch(lambda: undefined_name))
print(catch(lambda: 5))
print(isinstance(KeyError('k'), LookupError), isinstance(ZeroDivisionError(), ArithmeticError))
