s = "a\
b" +
