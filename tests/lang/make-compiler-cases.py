#!/usr/bin/env python3
# make-compiler-cases.py: writes compiler-cases.h, what CPython 3.11 compiles
# each snippet of test-compiler.c to: the instruction names of every code
# object (as `python3 -m dis` lists them, without the RESUME, PRECALL, CACHE
# and EXTENDED_ARG entries our instruction set has no use for, and with the
# forward/backward jump variants folded into one name), a detailed dump
# (arguments with jumps as instruction indices, positions, constants, names,
# the exception table), or the SyntaxError it raises.
#
#   python3 tests/lang/make-compiler-cases.py > tests/lang/compiler-cases.h
import dis
import sys
import types

if sys.version_info[:2] != (3, 11):
    sys.exit('make-compiler-cases.py: needs CPython 3.11, the oracle')

CASES = [
    ('assign', 'x = 1\ny = x\n'),
    ('chain_assign', 'a = b = c = f()\n'),
    ('swap', 'a, b = b, a\n'),
    ('swap3', 'a, b, c = c, b, a\n'),
    ('unpack', 'a, b = t\n[c, d] = t\n'),
    ('unpack_ex', 'a, *b, c = t\n'),
    ('aug', 'x += 1\nx.a -= 2\nx[i] *= 3\n'),
    ('del', 'del x, y.a, z[1], z[1:2]\n'),
    ('binops', 'r = a + b * c - d / e // f % g ** h << i >> j & k | l ^ m @ n\n'),
    ('unary', 'r = -a, +b, ~c, not d\n'),
    ('fold_arith', "x = 2 ** 10 + 3 * 4 - -5\ny = 'go' + 'od'\nz = 1 / 0\nw = (1, 2) + (3,)\n"),
    ('fold_limits', "a = 'x' * 5000\nb = 2 ** 200\nc = (1,) * 300\nd = 1 << 200\n"),
    ('compare', 'r = a < b\nr = a is not None\nr = a in b\nr = a not in [1, 2, 3]\n'),
    ('chained_compare', 'r = a < b < c\n'),
    ('boolops', 'r = a and b or c\nr = a or b\n'),
    ('ifexp', 'r = a if b else c\n'),
    ('if_elif', 'if a:\n    f()\nelif b:\n    g()\nelse:\n    h()\n'),
    ('if_and_or', 'if a and (b or c):\n    f()\n'),
    ('if_not_cmp', 'if not a is b:\n    f()\nif not (a < b < c):\n    g()\n'),
    ('while_else', 'while x:\n    f()\nelse:\n    g()\n'),
    ('while_true_break', 'while True:\n    if f():\n        break\n    continue\n'),
    ('for_else', 'for i in range(10):\n    if i:\n        continue\n    f(i)\nelse:\n    g()\n'),
    ('for_break', 'for i in x:\n    break\n'),
    ('for_in_list', 'for i in [1, 2, 3]:\n    f(i)\nfor j in [a, b]:\n    f(j)\n'),
    ('list_display', 'x = [1, 2, 3]\ny = [a, b]\nz = [1, 2]\nw = [*a, 1, *b]\n'),
    ('tuple_display', 'x = (a, 1, b)\ny = (*a, *b)\nz = ()\n'),
    ('set_display', 'x = {1, 2, 3}\ny = {a, b}\nr = a in {1, 2}\n'),
    ('dict_display', "x = {'a': 1, 'b': 2}\ny = {a: 1}\nz = {**a, 'b': 2}\nw = {}\nv = {1: a, b: 2}\n"),
    ('calls', 'f()\nf(1, 2)\nf(a, b=1, c=2)\nf(*a)\nf(*a, **k)\nf(a, *b, c=1, **d)\nf(**k)\n'),
    ('method_calls', 'o.m()\no.m(1, k=2)\no.a.b(c)\n'),
    ('import_method', 'import gc\ngc.collect()\n'),
    ('fstring', "s = f'{a}-{b!r:>{w}}-{c!s}{d!a}'\nt = f'{x:.2f}'\n"),
    ('percent_format', "s = '%s-%r' % (a, b)\nt = '%d' % (a,)\n"),
    ('slices', 'y = x[1:2]\ny = x[::2]\ny = x[a:b:c]\nx[1:2] = y\ny = x[i, j]\n'),
    ('func_def', 'def f(a, b=1, *args, c, d=2, **kw):\n    return a\n'),
    ('func_defaults_nonconst', 'def f(a=x, b=y):\n    pass\n'),
    ('func_annotations', "def f(a: int, b: str = 'x') -> bool:\n    pass\n"),
    ('func_docstring', "def f():\n    'doc'\n    return 1\n"),
    ('closures', 'def f(a):\n    b = 1\n    def g():\n        return a + b\n    return g\n'),
    ('nonlocal', 'def f():\n    x = 1\n    def g():\n        nonlocal x\n        x += 1\n    g()\n    return x\n'),
    ('global', 'def f():\n    global x\n    x = 1\n    return y\n'),
    ('global_module', 'def f():\n    global x\nx = 1\n'),
    ('decorators', '@d1\n@d2(a)\ndef f():\n    pass\n'),
    ('lambda', 'f = lambda x, y=1: x + y\ng = lambda: (yield_ := 1)\n'),
    ('class_simple', 'class C:\n    x = 1\n    def m(self):\n        return self.x\n'),
    ('class_bases_kw', 'class C(A, B, metaclass=M):\n    pass\n'),
    ('class_super', 'class C(B):\n    def m(self):\n        return super().m()\n'),
    ('class_docstring', "class C:\n    'doc'\n    __slots__ = ()\n"),
    ('class_private', 'class C:\n    __x = 1\n    def m(self):\n        return self.__x + __y\n'),
    ('class_free', 'def f():\n    x = 1\n    class C:\n        y = x\n    return C\n'),
    ('listcomp', 'r = [x * 2 for x in range(10) if x]\n'),
    ('nested_comp', 'r = [(x, y) for x in a for y in b if x != y]\n'),
    ('setcomp_dictcomp', 's = {x for x in a}\nd = {k: v for k, v in items}\n'),
    ('comp_in_func', 'def f(n):\n    return [i + n for i in range(n)]\n'),
    ('comp_temp', 'r = [y for x in a for y in [f(x)]]\n'),
    ('try_except', 'try:\n    f()\nexcept E:\n    g()\n'),
    ('try_except_as', 'try:\n    f()\nexcept E as e:\n    g(e)\nexcept:\n    h()\n'),
    ('try_else', 'try:\n    f()\nexcept (A, B):\n    g()\nelse:\n    h()\n'),
    ('try_finally', 'try:\n    f()\nfinally:\n    g()\n'),
    ('try_except_finally', 'try:\n    f()\nexcept E:\n    g()\nelse:\n    i()\nfinally:\n    h()\n'),
    ('return_in_finally', 'def f():\n    try:\n        return g()\n    finally:\n        h()\n'),
    ('break_in_finally', 'for x in y:\n    try:\n        break\n    finally:\n        f()\n'),
    ('continue_in_except', 'while a:\n    try:\n        f()\n    except E as e:\n        continue\n'),
    ('return_in_loop', 'def f(xs):\n    for x in xs:\n        if x:\n            return x\n    return None\n'),
    ('raise', 'raise\nraise E\nraise E from c\n'),
    ('assert', "assert x\nassert x, 'msg'\n"),
    ('imports', 'import a\nimport a.b.c\nimport a.b as c\nfrom m import x, y as z\nfrom . import w\nfrom ..p import q\n'),
    ('import_star', 'from m import *\n'),
    ('annotations_module', 'x: int = 1\ny: str\nz.a: int\n'),
    ('annotations_class', 'class C:\n    x: int = 1\n    y: str\n'),
    ('walrus', 'if (n := f()) > 1:\n    g(n)\n'),
    ('star_call_many', 'f(a, b, *c, d, e)\n'),
    ('consts_merge', "a = 257\nb = 257\nc = (257, 'x y')\nd = 'x y'\n"),
    ('debug', 'if __debug__:\n    f()\n'),
    ('none_test', 'if x is None:\n    f()\nif x is not None:\n    g()\n'),
    ('pass_and_const_stmt', "pass\n1\n'doc'\n"),
    ('module_docstring', "'module doc'\nx = 1\n"),
    ('del_local', 'def f():\n    x = 1\n    del x\n'),
    ('cell_arg', 'def f(a, b):\n    return lambda: a\n'),
    ('kwonly_call', 'def f(*, a=1, b):\n    return a, b\n'),
    ('posonly', 'def f(a, /, b, *, c):\n    pass\n'),
    ('return_tuple', 'def f(a):\n    return a, 1\n'),
    ('while_const', 'while 1:\n    f()\n'),
    ('if_const_false', 'if 0:\n    f()\nelse:\n    g()\n'),
    ('nested_funcs_qualname', 'def f():\n    def g():\n        def h():\n            pass\n        return h\n    return g\nclass A:\n    class B:\n        def m(self):\n            return lambda: 0\n'),
    ('global_class_qualname', 'def f():\n    global C\n    class C:\n        def m(self): pass\n'),
    ('big_list', 'x = [a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, a30, a31]\n'),
    ('for_tuple_target', 'for a, b in items:\n    f(a, b)\n'),
    ('nested_try', 'try:\n    try:\n        f()\n    except A:\n        g()\nexcept B:\n    h()\n'),
    ('except_return', 'def f():\n    try:\n        g()\n    except E as e:\n        return e\n'),
    ('multiline_call', 'x = f(\n    a,\n    b,\n)\n'),
    ('multiline_attr', 'x = (a\n     .b\n     .c())\n'),
    ('err_return', 'return 1\n'),
    ('err_return_if', 'x = 1\nif x:\n    return\n'),
    ('err_break', 'break\n'),
    ('err_break_def', 'while 1:\n  def f():\n    break\n'),
    ('err_continue', 'continue\n'),
    ('err_global_assign', 'def f():\n    x = 1\n    global x\n'),
    ('err_global_use', 'def f():\n    print(x)\n    global x\n'),
    ('err_global_param', 'def f(x):\n    global x\n'),
    ('err_nonlocal_module', 'nonlocal x\n'),
    ('err_nonlocal_nobinding', 'def f():\n    nonlocal x\n'),
    ('err_nonlocal_nested', 'def f():\n    def g():\n        nonlocal y\n'),
    ('err_yield_module', 'yield 1\n'),
    ('err_yield_expr', 'x = (yield)\n'),
    ('err_yield_class', 'class C:\n    yield 1\n'),
    ('err_dup_arg', 'def f(a, b, a): pass\n'),
    ('err_dup_lambda', 'lambda a, a: 1\n'),
    ('err_dup_kwonly', 'def f(a, *, a): pass\n'),
    ('err_debug_assign', '__debug__ = 1\n'),
    ('err_debug_param', 'def f(__debug__): pass\n'),
    ('err_debug_kw', 'f(__debug__=1)\n'),
    ('err_debug_attr', 'x.__debug__ = 1\n'),
    ('err_debug_del', 'del __debug__\n'),
    ('err_debug_for', 'for __debug__ in x: pass\n'),
    ('err_annot_global', 'def f():\n    x: int = 1\n    global x\n'),
    ('err_yield_comp', 'def f():\n  [(yield) for x in y]\n'),
    ('err_import_star', 'def f(): from m import *\n'),
    ('err_kw_repeat', 'f(a=1, a=2)\n'),
    ('err_nonlocal_global', 'def f():\n  nonlocal x\n  global x\n'),
    ('err_await', 'await x\n'),
    ('err_await_func', 'def f():\n  await x\n'),
    ('err_default_except', 'try:\n  pass\nexcept:\n  pass\nexcept E:\n  pass\n'),
    ('err_walrus_class', 'class C:\n  [(y := 1) for x in z]\n'),
    ('err_walrus_rebind', '[i := 0 for i in x]\n'),
    ('err_walrus_iter', '[x for x in (y := [])]\n'),
    ('err_multi_star', 'a, *b, *c = d\n'),
    ('err_star_alone', '*a = b\n'),
    ('err_nonlocal_assigned', 'def f():\n  x = 1\n  nonlocal x\n'),
    ('err_nonlocal_param', 'def f(x):\n  nonlocal x\n'),
    ('err_late_error', 'x = 1\ndef f():\n    pass\nreturn 5\n'),
    ('loop_try_return', 'def f(xs):\n    for x in xs:\n        try:\n            if x:\n                return x\n            continue\n        finally:\n            g()\n    return 0\n'),
    ('while_try_break', 'while a:\n    try:\n        f()\n    except E:\n        break\n    finally:\n        g()\n'),
    ('nested_finally', 'def f():\n    try:\n        try:\n            return 1\n        finally:\n            a()\n    finally:\n        b()\n'),
    ('except_else_return', 'def f():\n    try:\n        g()\n    except E:\n        return 1\n    else:\n        return 2\n'),
    ('while_else_break', 'while a:\n    if b:\n        break\nelse:\n    c()\nd()\n'),
    ('complex_while', 'while a and not b or c:\n    f()\n'),
    ('if_ifexp_cond', 'if (a if b else c):\n    f()\n'),
    ('chained_if', 'if a < b < c:\n    f()\n'),
    ('const_conditions', 'if True:\n    f()\nwhile 0:\n    g()\nx = 1 if True else 2\nassert 1\ny = 0 and f()\nz = 1 or f()\n'),
    ('class_cell_shadow', 'def f():\n    x = 1\n    class C:\n        x = 2\n        def m(self):\n            return x\n    return C\n'),
    ('del_cell', 'def f():\n    x = 1\n    def g():\n        return x\n    del x\n    return g\n'),
    ('global_in_class', 'class C:\n    global g\n    g = 1\n    h = g\n'),
    ('comp_in_class', 'class C:\n    a = 1\n    b = [a for _ in range(3)]\n    c = [x for x in range(a)]\n'),
    ('import_in_func', 'def f():\n    import os.path\n    import a.b as c\n    from m import x\n    return os, c, x\n'),
    ('aug_cell_global', 'def f():\n    global g\n    g += 1\n    x = 1\n    def h():\n        nonlocal x\n        x *= 2\n    return h\n'),
    ('fstring_big', "s = f'{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}{k}{l}{m}{n}{o}{p}{q}{r}{s}{t}{u}{v}{w}{x}{y}{z}{a}{b}{c}{d}{e}{f}'\n"),
    ('dict_big', "d = {'a0': a0, 'a1': a1, 'a2': a2, 'a3': a3, 'a4': a4, 'a5': a5, 'a6': a6, 'a7': a7, 'a8': a8, 'a9': a9, 'a10': a10, 'a11': a11, 'a12': a12, 'a13': a13, 'a14': a14, 'a15': a15, 'a16': a16}\n"),
    ('kwargs_big', 'f(a0=0, a1=1, a2=2, a3=3, a4=4, a5=5, a6=6, a7=7, a8=8, a9=9, a10=10, a11=11, a12=12, a13=13, a14=14, a15=15, a16=16)\n'),
    ('args_big', 'f(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, a30)\n'),
    ('method_args_big', 'o.m(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, a30)\n'),
    ('lambda_closure_default', 'def f(x):\n    return lambda y=x: y + x\n'),
    ('unpack_nested', '(a, (b, c)), d = t\n'),
    ('unpack_for', 'for i, (a, *b) in enumerate(x):\n    pass\n'),
    ('starred_in_list_call', 'f(*a, *b)\nx = [*a]\ny = {*a, 1}\nz = (*a,)\n'),
    ('deep_attr_store', 'a.b.c.d = 1\na[1][2] = 3\n'),
    ('ann_func_local', 'def f():\n    x: int = 1\n    y: int\n    z.a: int = 2\n    return x\n'),
    ('ann_attr_module', 'a.b: int\nc[1]: str\nd[1:2]: int\n'),
    ('mixed_scopes', 'x = 0\ndef f(a):\n    y = a\n    def g(b):\n        z = b + y\n        def h():\n            return x + y + z\n        return h\n    return g\n'),
    ('class_super_nested', 'class C:\n    def m(self):\n        def inner():\n            return __class__\n        return inner\n'),
    ('class_methods_free_class', 'def f():\n    m = 1\n    class C:\n        def m(self):\n            return m\n    return C\n'),
    ('try_bare_reraise', 'try:\n    f()\nexcept:\n    raise\n'),
    ('return_none_consts', 'def f():\n    return\ndef g():\n    return None\ndef h():\n    pass\n'),
    ('not_in_compare', 'r = not a in b\nif not a not in b:\n    f()\n'),
    ('is_none_in_expr', 'r = x is None\ns = None is x\n'),
    ('tuple_compare_in', 'r = a in (1, 2, 3)\ns = a in (x, y)\nt = a in [x, y]\n'),
    ('subscr_fold', "a = 'abc'[1]\nb = (1, 2, 3)[0]\nc = 'abc'[1:2]\n"),
    ('neg_consts', 'a = -1\nb = -0.0\nc = 0.0\nd = -(1)\ne = ~5\nf = not 0\n'),
    ('float_int_bool_consts', 'a = (1, 1.0, True, 0, 0.0, False)\n'),
    ('docstring_fold', "'a' + 'b'\nx = 1\n"),
    ('func_docstring_fold', "def f():\n    'a' 'b'\n    return 1\ndef g():\n    'a' + 'b'\n"),
    ('empty_module', ''),
    ('only_pass', 'pass\n'),
    ('global_func_store', 'def f():\n    global h\n    def h():\n        pass\n'),
    ('while_true_return', 'def f():\n    while True:\n        x = g()\n        if x:\n            return x\n'),
    ('for_continue_else', 'for x in y:\n    if x:\n        continue\n    else:\n        break\nelse:\n    z()\n'),
    ('try_in_except', 'try:\n    a()\nexcept E:\n    try:\n        b()\n    except F:\n        c()\n'),
    ('dictcomp_nested_cond', 'd = {k: v for k in a if k for v in b if v}\n'),
    ('lambda_in_comp', 'fs = [lambda: i for i in range(3)]\n'),
    ('comp_nested_comp', 'r = [[y for y in x] for x in z]\n'),
    ('comp_walrus', 'def f():\n    r = [y := g(x) for x in z]\n    return y\n'),
    ('walrus_module_comp', 'r = [y := g(x) for x in z]\n'),
    ('class_kwargs_star', 'class C(*bases, **kw):\n    pass\n'),
    ('decorated_class', '@d\nclass C:\n    pass\n'),
    ('percent_format_spec', "s = '%5s|%-3r|%.2a|%%' % (a, b, c)\nt = '%d %s' % (a, b)\n"),
    ('bool_in_call', 'f(a and b, c or d)\n'),
    ('ifexp_in_call', 'f(a if b else c)\n'),
    ('nested_ifexp', 'r = a if b else c if d else e\n'),
    ('compare_in_boolop', 'r = a < b and c > d\nif a < b and c > d:\n    f()\n'),
    ('chained_compare_in_boolop', 'if a < b < c or d:\n    f()\n'),
    ('return_in_except_finally', 'def f():\n    try:\n        g()\n    except E:\n        return 1\n    finally:\n        h()\n'),
    ('continue_in_finally', 'for x in y:\n    try:\n        f()\n    finally:\n        continue\n'),
    ('return_in_finally_body', 'def f():\n    try:\n        g()\n    finally:\n        return 1\n'),
    ('break_in_except_as', 'while a:\n    try:\n        f()\n    except E as e:\n        break\n'),
    ('return_in_except_as_loop', 'def f(xs):\n    for x in xs:\n        try:\n            g(x)\n        except E as e:\n            return e\n'),
    ('nested_loops_break', 'for a in b:\n    for c in d:\n        if c:\n            break\n    else:\n        continue\n    break\n'),
    ('while_in_try_finally', 'def f():\n    try:\n        while True:\n            if g():\n                return 1\n    finally:\n        h()\n'),
    ('try_finally_return_value', 'def f():\n    try:\n        return x\n    finally:\n        del x\n'),
    ('import_private', 'class C:\n    import __foo\n    from m import __bar\n'),
    ('kwonly_private', 'class C:\n    def m(self, *, __a=1):\n        return __a\n'),
    ('raise_in_finally', 'try:\n    f()\nfinally:\n    raise E\n'),
    ('except_star_tuple', 'try:\n    f()\nexcept (A, B) as e:\n    g(e)\n'),
    ('assert_in_func', "def f(x):\n    assert x > 0, f'bad {x}'\n    return x\n"),
    ('lambda_nested', 'f = lambda a: lambda b: a + b\n'),
    ('class_in_class_method', 'class A:\n    class B:\n        def m(self):\n            return __class__\n    def n(self):\n        return super().n()\n'),
    ('multi_target_unpack', 'a = b, c = d = 1, 2\n'),
    ('slice_assign_aug', 'x[a:b] += y\nx.y.z += 1\n'),
    ('comparisons_all', 'r = (a == b, a != b, a < b, a <= b, a > b, a >= b, a is b, a is not b, a in b, a not in b)\n'),
    ('inplace_all', 'x += 1\nx -= 1\nx *= 1\nx @= 1\nx /= 1\nx //= 1\nx %= 1\nx **= 1\nx <<= 1\nx >>= 1\nx &= 1\nx |= 1\nx ^= 1\n'),
    ('star_target_list', '[a, *b] = c\nfor *x, y in z: pass\n'),
    ('dict_unpack_many', "d = {**a, **b, 'c': 1, **e}\n"),
    ('call_kw_unpack_mixed', 'f(a=1, **b, c=2)\nf(*a, b, *c)\n'),
    ('global_nonlocal_mix', 'def f():\n    global g\n    x = 0\n    def h():\n        nonlocal x\n        global g\n        g = x = 1\n    return h\n'),
    ('while_else_continue', 'while a:\n    if b:\n        continue\n    c()\nelse:\n    d()\n'),
    ('if_pass_elif', 'if a:\n    pass\nelif b:\n    pass\n'),
    ('fstring_nested_spec', "s = f'{a:{b}.{c}}'\nt = f'{x!r}'\nu = f''\n"),
    ('docstring_only_func', "def f():\n    'only a docstring'\n"),
    ('class_with_annotations_only', "class C:\n    a: int\n    b: 'str' = 'x'\n"),
]

SKIPPED = ('RESUME', 'PRECALL', 'CACHE', 'EXTENDED_ARG')


def norm(name):
    if name in ('JUMP_FORWARD', 'JUMP_BACKWARD', 'JUMP_BACKWARD_NO_INTERRUPT'):
        return 'JUMP'
    return name.replace('_FORWARD_IF_', '_IF_').replace('_BACKWARD_IF_', '_IF_')


def kept(co):
    return [i for i in dis.get_instructions(co) if i.opname not in SKIPPED]


def ops(co, depth, out):
    names = ' '.join(norm(i.opname) for i in kept(co))
    out.append('  ' * depth + co.co_qualname + ': ' + names)
    for c in co.co_consts:
        if isinstance(c, types.CodeType):
            ops(c, depth + 1, out)


def const_repr(c):
    if isinstance(c, types.CodeType):
        return '<code %s>' % c.co_qualname
    return repr(c)


def detail(co, out):
    ins = kept(co)

    def index(offset):
        for k, i in enumerate(ins):
            if i.offset >= offset:
                return k
        return len(ins)

    out.append('code %s argc=%d posonly=%d kwonly=%d flags=%d stack=%d first=%d'
               % (co.co_qualname, co.co_argcount, co.co_posonlyargcount,
                  co.co_kwonlyargcount, co.co_flags, co.co_stacksize, co.co_firstlineno))
    out.append(' consts: ' + ' | '.join(const_repr(c) for c in co.co_consts))
    out.append(' names:' + ''.join(' ' + n for n in co.co_names))
    out.append(' locals:' + ''.join(' ' + n for n in co.co_varnames + co.co_cellvars
                                    + co.co_freevars))
    positions = list(co.co_positions())
    for k, i in enumerate(ins):
        arg = i.arg
        if i.opcode in dis.hasjrel or i.opcode in dis.hasjabs:
            arg = index(i.argval)
        p = tuple(-1 if v is None else v for v in positions[i.offset // 2])
        out.append(' %d %s %s %d %d %d %d' % (k, norm(i.opname), '-' if arg is None else arg,
                                              p[0], p[1], p[2], p[3]))
    for e in dis._parse_exception_table(co):
        out.append(' exc %d %d %d %d %d' % (index(e.start), index(e.end), index(e.target),
                                           e.depth, e.lasti))
    for c in co.co_consts:
        if isinstance(c, types.CodeType):
            detail(c, out)


def c_string(text, indent):
    lines = text.splitlines(keepends=True) or ['']
    parts = []
    for line in lines:
        s = line.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n')
        s = s.replace('\t', '\\t').replace('??', '?\\?')
        parts.append(indent + '"' + s + '"')
    return '\n'.join(parts)


def main():
    ops_cases, errors = [], []
    for name, source in CASES:
        try:
            co = compile(source, 'x.py', 'exec')
        except SyntaxError as e:
            errors.append((name, source, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset))
            continue
        out, det = [], []
        ops(co, 0, out)
        detail(co, det)
        ops_cases.append((name, source, '\n'.join(out) + '\n', '\n'.join(det) + '\n'))

    print('/* compiler-cases.h: generated by make-compiler-cases.py with CPython %s;'
          % sys.version.split()[0])
    print(' * do not edit. What CPython compiles each snippet to. */')
    print()
    print('static const CompilerCase compiler_cases[] = {')
    for name, source, out, det in ops_cases:
        print('  { "%s",' % name)
        print(c_string(source, '    ') + ',')
        print(c_string(out, '    ') + ',')
        print(c_string(det, '    ') + ' },')
    print('};')
    print()
    print('static const CompilerErrorCase compiler_error_cases[] = {')
    for name, source, msg, lineno, offset, end_lineno, end_offset in errors:
        print('  { "%s",' % name)
        print(c_string(source, '    ') + ',')
        print('    "%s", %d, %d, %d, %d },' % (msg.replace('"', '\\"'), lineno, offset,
                                               end_lineno, end_offset))
    print('};')


if __name__ == '__main__':
    main()
