#!/usr/bin/env python3
# Checks that conformance programs stay inside the language subset Refscope
# implements and avoid output that cannot be compared between two runtimes.
#
#   lint-programs.py [PROGRAM...]   (default: every program in programs/)
#
# It is a static check on the AST, so it catches the common slips (a
# generator expression, an import of another module, `x is 257`, a raw id()
# printed) but not every nondeterminism; `oracle.py --verify` catches the
# rest by running programs again. Exit status 1 if anything was found.

import ast
import builtins
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS_DIR = os.path.join(HERE, 'programs')

ALLOWED_MODULES = {'gc', 'sys'}

# Builtins the interpreter provides. Exception classes are allowed on top.
ALLOWED_BUILTINS = {
  'print', 'len', 'range', 'list', 'dict', 'tuple', 'set', 'str', 'int',
  'float', 'bool', 'type', 'isinstance', 'callable', 'globals', 'locals',
  'repr', 'hash', 'abs', 'min', 'max', 'sum', 'sorted', 'reversed',
  'enumerate', 'zip', 'map', 'filter', 'iter', 'next', 'hex', 'id', 'object',
  'super',
  'None', 'True', 'False',
}

# Constructs outside the subset: generators, async, context managers,
# assignment expressions, pattern matching, exception groups.
FORBIDDEN_NODES = {
  ast.GeneratorExp: 'generator expression',
  ast.Yield: 'yield',
  ast.YieldFrom: 'yield from',
  ast.Await: 'await',
  ast.AsyncFunctionDef: 'async def',
  ast.AsyncFor: 'async for',
  ast.AsyncWith: 'async with',
  ast.With: 'with',
  ast.NamedExpr: 'walrus',
  ast.Match: 'match',
  ast.TryStar: 'except*',
}


def folds_to_constant(node):
  # What the compiler's AST optimizer turns into one constant before it
  # checks `x is LITERAL` (a SyntaxWarning on stderr would become the last
  # line of stderr).
  if isinstance(node, ast.Constant):
    return True
  if isinstance(node, ast.Tuple):
    return all(folds_to_constant(e) for e in node.elts)
  if isinstance(node, ast.BinOp):
    return folds_to_constant(node.left) and folds_to_constant(node.right)
  if isinstance(node, ast.UnaryOp):
    return folds_to_constant(node.operand)
  if isinstance(node, ast.Subscript):
    return folds_to_constant(node.value) and folds_to_constant(node.slice)
  return False


def is_int_constant(node):
  # hash() of an int is defined by the language; of anything else it is not.
  if not folds_to_constant(node):
    return False
  value = eval(compile(ast.Expression(node), '<lint>', 'eval'), {'__builtins__': {}})
  return isinstance(value, int)


def is_literal(node):
  if isinstance(node, ast.Constant) and node.value in (None, True, False, ...):
    return False
  return folds_to_constant(node)


def lint(path):
  problems = []
  with open(path, 'rb') as f:
    source = f.read()
  try:
    tree = ast.parse(source, filename=path)
  except SyntaxError:
    return problems  # deliberate SyntaxError programs are fine

  defined = set()
  for node in ast.walk(tree):
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
      defined.add(node.id)
    elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
      defined.add(node.name)
    elif isinstance(node, ast.arg):
      defined.add(node.arg)
    elif isinstance(node, ast.alias):
      defined.add((node.asname or node.name).split('.')[0])

  for node in ast.walk(tree):
    where = '%s:%d' % (os.path.basename(path), getattr(node, 'lineno', 0))
    for kind, what in FORBIDDEN_NODES.items():
      if isinstance(node, kind):
        problems.append('%s: %s is outside the subset' % (where, what))
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.decorator_list:
      problems.append('%s: decorators are outside the subset' % where)
    if isinstance(node, ast.Import):
      for alias in node.names:
        if alias.name not in ALLOWED_MODULES:
          problems.append('%s: import of %s' % (where, alias.name))
    if isinstance(node, ast.ImportFrom) and node.module not in ALLOWED_MODULES:
      problems.append('%s: import from %s' % (where, node.module))
    if isinstance(node, ast.Constant) and isinstance(node.value, (bytes, complex)):
      problems.append('%s: %s constant' % (where, type(node.value).__name__))
    if isinstance(node, (ast.Set, ast.SetComp)):
      elts = node.elts if isinstance(node, ast.Set) else [node.elt]
      for e in elts:
        if isinstance(e, (ast.Constant, ast.JoinedStr)) and isinstance(
            getattr(e, 'value', ''), str):
          problems.append('%s: set of strs has no stable order' % where)
    if isinstance(node, ast.Compare):
      operands = [node.left] + node.comparators
      for op, left, right in zip(node.ops, operands, operands[1:]):
        if isinstance(op, (ast.Is, ast.IsNot)) and (is_literal(left) or is_literal(right)):
          problems.append('%s: "is" with a literal warns on stderr' % where)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
      if node.func.id == 'print':
        for arg in node.args:
          if (isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name)
              and arg.func.id in ('id', 'hash')
              and not (arg.func.id == 'hash' and arg.args
                       and is_int_constant(arg.args[0]))):
            problems.append('%s: printing %s() of an object' % (where, arg.func.id))
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
      if (node.id not in defined and hasattr(builtins, node.id)
          and node.id not in ALLOWED_BUILTINS
          and not (isinstance(getattr(builtins, node.id), type)
                   and issubclass(getattr(builtins, node.id), BaseException))):
        problems.append('%s: builtin %s is outside the subset' % (where, node.id))
  return problems


def main(argv):
  if argv:
    paths = argv
  else:
    paths = [os.path.join(PROGRAMS_DIR, n)
             for n in sorted(os.listdir(PROGRAMS_DIR)) if n.endswith('.py')]
  problems = []
  for path in paths:
    problems += lint(path)
  for p in problems:
    print(p)
  return 1 if problems else 0


if __name__ == '__main__':
  sys.exit(main(sys.argv[1:]))
