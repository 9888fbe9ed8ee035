名字 = '张三'
年龄 = 18
été = 1
print(名字, 年龄)
def 函数(参数):
    return 参数
