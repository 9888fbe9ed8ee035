try:
    a()
except:
    b()
try:
    a()
except ValueError:
    pass
except (TypeError, KeyError) as e:
    print(e)
except Exception as err:
    raise
else:
    ok()
finally:
    cleanup()
