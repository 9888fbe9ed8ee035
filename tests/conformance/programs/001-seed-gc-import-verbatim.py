# The seed's first snippet exactly as printed: the full-width parenthesis
# after "import gc" is not Python, so the whole file is a SyntaxError.
import gc （garbage collector）  
del a  #del a, b, c, d
gc.collect()  
