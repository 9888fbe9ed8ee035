f(o e.x + )
