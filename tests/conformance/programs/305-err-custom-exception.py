class InsufficientFunds(Exception):
    pass

def withdraw(balance, amount):
    if amount > balance:
        raise InsufficientFunds('need ' + str(amount - balance) + ' more')
    return balance - amount

print(withdraw(100, 30))
withdraw(10, 25)
