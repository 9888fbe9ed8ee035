a = f'''line one {x}
line two {y}
  {z} end'''
b = f"""
{
  x
}
"""
