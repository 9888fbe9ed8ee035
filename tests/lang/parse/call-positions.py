obj.method(arg).other[0](
    key=value,
    *rest,
)
