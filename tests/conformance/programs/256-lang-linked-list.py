class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next

head = None
for v in range(5):
    head = Node(v, head)

values = []
node = head
while node is not None:
    values.append(node.value)
    node = node.next

print(values)
def length(n):
    return 0 if n is None else 1 + length(n.next)

print(length(head))
