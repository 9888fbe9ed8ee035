#!/usr/bin/env python3
# Runs Refscope conformance programs under CPython 3.11, the oracle, and
# writes the expected outputs that refscope-cli is compared against.
#
#   oracle.py PROGRAM.py            run one program, as refscope-cli run would
#   oracle.py --regen [PROGRAM...]  rewrite expected/ for all (or the given) programs
#   oracle.py --verify [PROGRAM...] rerun programs and report any whose output
#                                   differs from expected/ (catches nondeterminism)
#
# Only the standard library is used, so any CPython 3.11 can regenerate the
# corpus. The semantics follow "How to ask the oracle" in CPYTHON-GC.md: every
# top-level statement is its own compilation unit, exactly as if typed at the
# >>> prompt, and all of them share one globals dict.

import ast
import builtins
import gc
import os
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS_DIR = os.path.join(HERE, 'programs')
EXPECTED_DIR = os.path.join(HERE, 'expected')

# The oracle must be the interpreter Refscope imitates; refcounts, sizes and
# error wordings all change between minor versions.
REQUIRED_VERSION = (3, 11)


def report_exception(exc, skip_frames=0):
  """Print a CPython-style traceback of EXC to stderr.

  SKIP_FRAMES drops the oracle's own frames from the top of the traceback, so
  what remains starts at the program's statement. Only the last line
  ("TypeName: message", from traceback.format_exception_only) is compared;
  the rest is there for people reading a failure.
  """
  tb = exc.__traceback__
  for _ in range(skip_frames):
    if tb is not None:
      tb = tb.tb_next
  lines = traceback.format_exception(type(exc), exc, tb)
  if isinstance(exc, SyntaxError):
    # A file that does not parse gets no "Traceback" header, like `python3 FILE`.
    lines = traceback.format_exception_only(type(exc), exc)
  sys.stdout.flush()
  sys.stderr.write(''.join(lines))
  sys.stderr.flush()


def run_program(path):
  """Run the program at PATH with prompt semantics; return its exit status."""
  with open(path, 'rb') as f:
    source = f.read()

  # The whole file is parsed first: if any part of it does not parse, nothing
  # runs. (A real prompt would have run the statements before the bad one;
  # refscope-cli reads whole files, so a parse error is a file-level error.)
  try:
    tree = ast.parse(source, filename=path)
  except SyntaxError as exc:  # also IndentationError and TabError
    report_exception(exc)
    return 1
  body = tree.body
  del tree, source

  namespace = {'__name__': '__main__', '__builtins__': builtins}

  # Start the program with no garbage of the oracle's own (imports, parsing)
  # lying around, so the program's first gc.collect() counts only its own.
  gc.collect()

  while body:
    # Pop the statement out of the list and drop the tree before running it:
    # the tree holds references to the constants it contains, which would
    # show up in sys.getrefcount and keep objects alive.
    stmt = body.pop(0)
    module = ast.Module([stmt], [])
    del stmt
    try:
      # Compile errors that the parser does not catch ('return' outside a
      # function, ...) surface here, after the earlier statements have run,
      # as they would at the prompt.
      code = compile(module, path, 'exec', dont_inherit=True)
    except SyntaxError as exc:
      del module
      report_exception(exc)
      return 1
    del module
    try:
      exec(code, namespace)
    except BaseException as exc:  # SystemExit and KeyboardInterrupt too
      del code
      # Skip run_program's own frame; the traceback starts in <module>.
      report_exception(exc, skip_frames=1)
      return 1
    del code
  return 0


def oracle_main(path):
  # Output is UTF-8 whatever the locale, the same bytes refscope-cli writes.
  sys.stdout.reconfigure(encoding='utf-8', errors='strict')
  sys.stderr.reconfigure(encoding='utf-8', errors='backslashreplace')
  status = run_program(path)
  sys.stdout.flush()
  sys.stderr.flush()
  # Leave without tearing down the interpreter: finalizers of objects still
  # alive at the end would otherwise run in an order that is an accident of
  # CPython's shutdown, and their output is not part of the contract.
  os._exit(status)


# ---------------------------------------------------------------------------
# Regeneration and verification. These run each program in a fresh child
# interpreter, because a program may change global state (thresholds, debug
# flags, frozen objects, the recursion limit) that must not leak into the next.

def program_paths(args):
  if args:
    return [os.path.abspath(a) for a in args]
  names = sorted(n for n in os.listdir(PROGRAMS_DIR) if n.endswith('.py'))
  return [os.path.join(PROGRAMS_DIR, n) for n in names]


def run_child(path):
  """Run PATH under the oracle in a child; return (stdout, last stderr line, status)."""
  import subprocess
  # -I: ignore PYTHON* variables and the user's site-packages, so the result
  # does not depend on who runs it. Hash randomisation stays on, on purpose:
  # output that depends on str hashes changes between runs and --verify sees it.
  # The path is passed relative to this folder so tracebacks read the same
  # whoever regenerates.
  rel = os.path.relpath(path, HERE)
  proc = subprocess.run([sys.executable, '-I', os.path.abspath(__file__), rel],
                        cwd=HERE, capture_output=True, timeout=120)
  return proc.stdout, last_line(proc.stderr), proc.returncode


def last_line(data):
  """The last line of DATA with its newline, as `tail -n 1` sees it; b'' if empty.

  check-one.sh computes the same thing from refscope-cli's stderr, so both
  sides must agree on what a line is: text up to '\\n', nothing else.
  """
  if not data:
    return b''
  if data.endswith(b'\n'):
    data = data[:-1]
  return data.rsplit(b'\n', 1)[-1] + b'\n'


def expected_paths(path):
  name = os.path.splitext(os.path.basename(path))[0]
  base = os.path.join(EXPECTED_DIR, name)
  return base + '.stdout', base + '.stderr', base + '.status'


def write_if_changed(path, data):
  try:
    with open(path, 'rb') as f:
      if f.read() == data:
        return False
  except FileNotFoundError:
    pass
  with open(path, 'wb') as f:
    f.write(data)
  return True


def regen(args):
  os.makedirs(EXPECTED_DIR, exist_ok=True)
  changed = 0
  for path in program_paths(args):
    out, err, status = run_child(path)
    files = expected_paths(path)
    datas = (out, err, b'%d\n' % status)
    if any([write_if_changed(f, d) for f, d in zip(files, datas)]):
      changed += 1
      print('updated', os.path.basename(path))
  print('%d program(s) regenerated, %d changed' % (len(program_paths(args)), changed))
  return 0


def read_bytes(path):
  try:
    with open(path, 'rb') as f:
      return f.read()
  except FileNotFoundError:
    return None


def verify(args):
  bad = 0
  paths = program_paths(args)
  for path in paths:
    out, err, status = run_child(path)
    want = [read_bytes(f) for f in expected_paths(path)]
    got = [out, err, b'%d\n' % status]
    if want != got:
      bad += 1
      print('DIFFERS', os.path.basename(path))
  print('%d program(s) verified, %d differ' % (len(paths), bad))
  return 1 if bad else 0


def main(argv):
  if sys.version_info[:2] != REQUIRED_VERSION:
    sys.stderr.write('oracle.py: needs CPython %d.%d, this is %s\n'
                     % (REQUIRED_VERSION + (sys.version.split()[0],)))
    return 2
  if len(argv) >= 1 and argv[0] == '--regen':
    return regen(argv[1:])
  if len(argv) >= 1 and argv[0] == '--verify':
    return verify(argv[1:])
  if len(argv) != 1 or argv[0].startswith('--'):
    sys.stderr.write('usage: oracle.py PROGRAM.py | --regen [PROGRAM...] '
                     '| --verify [PROGRAM...]\n')
    return 2
  oracle_main(argv[0])


if __name__ == '__main__':
  sys.exit(main(sys.argv[1:]))
