stack = []
for ch in "([]{})":
    if ch in "([{":
        stack.append(ch)
    else:
        top = stack.pop()
        print(top + ch)

print(stack)
queue = [1, 2, 3]
queue.append(4)
print(queue.pop(0), queue.pop(0), queue)
