x = [o e[/]
