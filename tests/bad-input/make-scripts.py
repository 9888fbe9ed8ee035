#!/usr/bin/env python3
# make-scripts.py: writes the bad scripts of scripts/ and their .expect files,
# asking CPython 3.11 what each one does.
#
#   make-scripts.py          (re)write every case
#   make-scripts.py --check  rewrite nothing; list the cases whose checked-in
#                            files differ from what CPython says now
#
# A case's .expect holds its exit status, the extra arguments of
# `refscope-cli run`, and the one line `--error-format=brief` prints:
# FILE:LINE:COLUMN: Type: message, at the innermost frame of the traceback
# (the failing instruction's start, its column counted in characters) or,
# for a SyntaxError, at the error's lineno and offset. A file that does not
# parse is judged as `python3 FILE` judges it (file mode: NUL bytes and bad
# UTF-8 get the messages of a file, not of a string); one that parses runs
# with the prompt semantics of tests/conformance/oracle.py. The few cases
# with no CPython equivalent (--max-steps, --max-memory) carry their
# expected line here. Standard library only.
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = os.path.join(HERE, "scripts")
CONFORMANCE = os.path.join(HERE, os.pardir, "conformance")

CASES = []


def case(name, source, args="", expect=None):
    """A bad script: source (str, or bytes for what is not UTF-8), the extra
    arguments, and, for what CPython cannot say, (status, line)."""
    if isinstance(source, str):
        source = source.encode("utf-8")
    CASES.append((name, source, args, expect))


# --- Syntax errors, one per message family CPython 3.11 has. -------------

case("invalid-syntax", "x = 1\ny = = 2\n")
case("forgot-comma", "print(1 2)\n")
case("keyword-as-name", "class = 1\n")
case("dollar-sign", "a$b = 1\n")
case("walrus-statement", "x := 1\n")
case("import-nothing", "import\n")
case("never-closed", "x = 1\ny = (1,\n     2,\n")
case("never-closed-bracket", "items = [1, 2,\n")
case("unmatched-close", "x = 1)\n")
case("mismatched-close", "x = (1, 2]\n")
case("mismatched-close-lines", "x = {\n  1: (2,\n  3]\n")
case("unterminated-string", "a = 1\nb = 2\nname = 'abc\n")
case("unterminated-triple", 'x = 1\ns = """start\nmore\n')
case("unterminated-fstring", 'x = f"{1 + 2\n')
case("unexpected-indent", "x = 1\n    y = 2\n")
case("expected-indent", "if True:\npass\n")
case("expected-indent-def", "def f():\n\nx = 1\n")
case("unindent-mismatch", "if True:\n        x = 1\n    y = 2\n")
case("tab-error", "if True:\n        x = 1\n\ty = 2\n")
case("too-many-indents", "".join(" " * i + "if x:\n" for i in range(101)) + " " * 101 + "pass\n")
case("too-many-blocks", "".join(" " * i + "for i in x:\n" for i in range(21)) + " " * 21 + "pass\n")
case("invalid-character", "price = 10 € 2\n")
case("fullwidth-comma", "x = [1，2]\n")
case("non-printable", "x = 1\x01\n")
case("bom-in-middle", "x = 1\n\ufeffy = 2\n")
case("invalid-decimal", "x = 1abc\n")
case("invalid-hex", "x = 0xfg\n")
case("invalid-octal-digit", "x = 0o78\n")
case("leading-zeros", "x = 012\n")
case("line-continuation", "x = 1 \\ 2\n")
case("eof-after-backslash", "x = 1 \\")
case("missing-colon", "if x\n    pass\n")
case("print-statement", 'print "hello"\n')
case("if-without-else", "x = 1 if y\n")
case("assign-to-literal", "1 = x\n")
case("assign-to-none", "None = 1\n")
case("assign-to-call", "f() = 1\n")
case("delete-literal", "del 1\n")
case("augassign-tuple", "a, b += 1\n")
case("starred-alone", "*a = 1\n")
case("return-outside-function", "print('before')\nreturn 5\n")
case("break-outside-loop", "x = 1\nbreak\n")
case("continue-outside-loop", "if True:\n    continue\n")
case("yield-outside-function", "yield 1\n")
case("nonlocal-at-module", "nonlocal x\n")
case("global-after-assign", "def f():\n    x = 1\n    global x\n")
case("import-star-in-function", "def f():\n    from gc import *\n")
case("duplicate-argument", "def f(a, a):\n    pass\n")
case("default-then-plain", "def f(a=1, b):\n    pass\n")
case("positional-after-keyword", "f(a=1, 2)\n")
case("keyword-repeated", "f(a=1, a=2)\n")
case("fstring-conversion", 'f"{x!z}"\n')
case("fstring-single-brace", 'f"a}b"\n')
case("fstring-backslash", "f'{\"\\n\".join(x)}'\n")
case("unicode-escape", "s = '\\N{NO SUCH NAME}'\n")

# --- What is not text, or not quite. --------------------------------------

case("invalid-utf8", b'x = "\xff\xfe"\n')
case("invalid-utf8-later", b'x = 1\ny = 2\n# caf\xe9\n')
case("nul-byte", b"x = 1\ny = 2\x00\n")
case("bom-ok", "\ufeffprint('fine')\n")
case("bom-then-error", "\ufeffx = (\n")
case("crlf-error", "x = 1\r\ny = (\r\n")
case("cr-only-error", "x = 1\ry = (\r")
case("empty", "")
case("only-comments", "# nothing here\n\n   \n# at all\n")
case("no-final-newline-error", "x = (1,")
case("error-on-line-20000", "x = 1\n" * 19999 + "y = )\n")

# --- Nesting too deep for the parser or the compiler. ----------------------

case("deep-parentheses", "x = " + "(" * 10000 + "1" + ")" * 10000 + "\n")
case("deep-lists", "x = " + "[" * 10000 + "]" * 10000 + "\n")
case("deep-calls", "x = " + "f(" * 10000 + ")" * 10000 + "\n")
case("deep-unary", "x = " + "-" * 10000 + "1\n")
case("deep-not", "x = " + "not " * 10000 + "y\n")
case("deep-lambda", "f = " + "lambda: " * 10000 + "1\n")
case("deep-power", "x = 2" + " ** 2" * 10000 + "\n")
case("long-subscript-chain", "x = [0]\nx = x" + "[0]" * 100000 + "\n")
case("long-call-chain", "f = lambda: f\nx = f" + "()" * 100000 + "\n")
case("deep-elif-chain", "x = 5\nif x == 0:\n    pass\n"
     + "".join("elif x == %d:\n    pass\n" % i for i in range(1, 10000)))
case("int-literal-too-long", "x = 1\ny = " + "7" * 5000 + "\n")
case("star-unpacking-too-many", ", ".join("a%d" % i for i in range(300)) + ", *rest = range(400)\n")
case("fstring-nested-too-deeply", 'x = f"{1:{2:{3}}}"\n')
case("long-sum", "x = 1" + " + 1" * 100000 + "\n")
case("long-attribute-chain", "x = a" + ".b" * 100000 + "\n")

# --- Runtime errors. ---------------------------------------------------------

case("undefined-name", "x = 1\nprint(undefined_name)\n")
case("delete-undefined", "x = 1\ndel x\ndel x\n")
case("delete-undefined-local", "def f():\n    del y\nf()\n")
case("innermost-frame", "def h(d):\n    return 10 // d\n\ndef g(d):\n    return h(d) + 1\n\n"
     "def f():\n    return g(0)\n\nprint(f())\n")
case("column-in-characters", "def f(s):\n    return ('é', s + 1)\nf('ü')\n")
case("message-with-newline", "raise ValueError('first\\nsecond')\n")
case("raise-bare-class", "def f():\n    raise KeyError\nf()\n")
case("raise-non-exception", "raise 1\n")
case("raise-in-except", "try:\n    1 / 0\nexcept ZeroDivisionError:\n    {}['missing']\n")
case("str-fails", "class E(Exception):\n    def __str__(self):\n        raise ValueError\n"
     "raise E()\n")
case("runaway-recursion", "def f(n):\n    return f(n + 1)\nf(0)\n")
case("mutual-recursion", "def ping(n):\n    return pong(n)\n\n"
     "def pong(n):\n    return ping(n + 1)\n\n"
     "ping(0)\n")
case("recursion-in-repr", "class R:\n    def __repr__(self):\n        return repr(self)\n"
     "print(R())\n")
case("recursion-in-init", "class C:\n    def __init__(self):\n        self.child = C()\nC()\n")
case("recursion-through-add", "class A:\n    def __add__(self, other):\n"
     "        return self + other\n"
     "\nA() + 1\n")
case("recursion-through-getitem", "class G:\n    def __getitem__(self, i):\n"
     "        return self[i + 1]\n"
     "\nG()[0]\n")
case("deep-list-repr", "x = []\nfor i in range(10000):\n    x = [x]\nprint(len(repr(x)))\n")
case("deep-dict-repr", "x = {}\nfor i in range(10000):\n    x = {'k': x}\nprint(repr(x)[:10])\n")
case("deep-tuple-str", "x = ()\nfor i in range(10000):\n    x = (x,)\nprint(str(x)[:10])\n")
case("deep-list-compare", "a = []\nb = []\nfor i in range(10000):\n    a = [a]\n    b = [b]\n"
     "print(a == b)\n")
case("deep-list-freed", "x = []\nfor i in range(100000):\n    x = [x]\ndel x\n"
     "import gc\nprint(gc.collect())\n")
case("deep-cycle-collected", "import gc\nx = []\nhead = x\nfor i in range(100000):\n"
     "    x = [x]\nhead.append(x)\ndel x, head\nprint(gc.collect())\n"
     "print(undefined_after_collect)\n")
case("deep-tuple-hash", "x = ()\nfor i in range(10000):\n    x = (x,)\nprint(hash(x) == hash(x))\n"
     "print({x: 1}[()])\n")
case("deep-list-freed-million", "x = []\nfor i in range(1000000):\n    x = [x]\nx = None\n"
     "print(undefined_after_free)\n")
case("deep-instance-chain-freed", "class Node:\n    pass\n\nx = None\nfor i in range(300000):\n"
     "    n = Node()\n    n.next = x\n    x = n\ndel x, n\nprint(undefined_after_free)\n")
case("deep-instance-cycle-collected", "import gc\nclass Node:\n    pass\n\nfirst = x = Node()\n"
     "for i in range(200000):\n    n = Node()\n    n.next = x\n    x = n\nfirst.next = x\n"
     "del x, n, first\nprint(gc.collect() > 200000)\nprint(undefined_after_collect)\n")
case("recursion-limit-raised", "import sys\nsys.setrecursionlimit(100000)\n\ndef f(n):\n"
     "    return f(n + 1)\n\nf(0)\n")
case("exception-chain-deep", "def f(n):\n    try:\n        raise ValueError(n)\n"
     "    except ValueError:\n        if n < 300:\n            f(n + 1)\n        else:\n"
     "            raise\nf(0)\n")
case("exception-context-cycle", "e = ValueError('again')\ntry:\n    try:\n        raise e\n"
     "    except ValueError:\n        raise e\nexcept ValueError:\n    pass\nraise e\n")
case("mro-conflict", "class A:\n    pass\nclass B(A):\n    pass\nclass C(A, B):\n    pass\n")
case("repr-raises", "class R:\n    def __repr__(self):\n        raise ValueError('no repr')\n"
     "print([R()])\n")
case("repr-returns-int", "class R:\n    def __repr__(self):\n        return 5\nprint(R())\n")
case("len-negative", "class L:\n    def __len__(self):\n        return -1\nprint(len(L()))\n")
case("hash-returns-str", "class H:\n    def __hash__(self):\n        return 'x'\n{H(): 1}\n")
case("sort-mutates-list", "a = [3, 1, 2]\na.sort(key=lambda x: a.append(1))\n")
case("range-too-long", "print(len(range(10**30)))\n")
case("print-huge-int", "print(10**5000)\n")
case("shift-too-many-digits", "x = 1 << 10**20\n")
case("pow-modulo-zero", "pow(2, 10, 0)\n")
case("super-no-attribute", "class A:\n    def f(self):\n        return super().f()\nA().f()\n")
case("huge-list-repeat", "x = [0] * 10**12\n")
case("huge-str-repeat", "s = 'ab' * 10**12\n")
case("index-overflow", "x = [0] * 10**20\n")
case("int-too-long-to-parse", "n = int('9' * 5000)\n")
case("float-overflow", "x = 2.0 ** 10000\n")
case("int-of-infinity", "x = int(float('inf'))\n")
case("chr-out-of-range", "print(chr(0x110000))\n")
case("format-mismatch", "print('%d items' % 'many')\n")
case("format-index", "print('{} and {}'.format(1))\n")
case("unhashable-key", "d = {}\nd[[1, 2]] = 3\n")
case("dict-changed-size", "d = {1: 1}\nfor k in d:\n    d[k + 1] = k\n")
case("missing-module", "import no_such_module\n")
case("unpack-too-many", "a, b = 1, 2, 3\n")
case("keyboard-interrupt", "raise KeyboardInterrupt\n")

# --- Refscope's own limits: CPython has none of these. A raised recursion
# limit with recursion in C (repr, ==, slots) crashes CPython on its C stack;
# Refscope watches its stack and raises RecursionError instead. ------------

case("infinite-loop", "n = 0\nwhile True:\n    n += 1\n", "--max-steps 1000",
     (4, "infinite-loop.py:3:5: refscope: stopped after 1000 steps (--max-steps 1000)"))
case("infinite-loop-in-call", "def spin():\n    while True:\n        pass\n\nspin()\n",
     "--max-steps 500",
     (4, "infinite-loop-in-call.py:2:5: refscope: stopped after 500 steps (--max-steps 500)"))
case("infinite-loop-catches-everything",
     "while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n"
     "        pass\n", "--max-steps 2000",
     (4, "infinite-loop-catches-everything.py:3:9: refscope: stopped after 2000 steps "
      "(--max-steps 2000)"))
case("endless-growth", "a = []\nwhile True:\n    a.append([0] * 1000)\n", "--max-memory 64M",
     (1, "endless-growth.py:3:14: MemoryError"))
case("huge-power", "x = 10 ** 10 ** 10\n", "--max-memory 64M",
     (1, "huge-power.py:1:5: MemoryError"))
case("huge-string", "s = 'x' * (10**9)\n", "--max-memory 64M",
     (1, "huge-string.py:1:5: MemoryError"))
case("huge-range-list", "x = list(range(10**9))\n", "--max-memory 64M",
     (1, "huge-range-list.py:1:5: MemoryError"))
case("doubling-list", "a = [1]\nfor i in range(64):\n    a += a\n", "--max-memory 64M",
     (1, "doubling-list.py:3:5: MemoryError"))
case("deep-repr-raised-limit", "import sys\nsys.setrecursionlimit(1000000)\nx = []\n"
     "for i in range(200000):\n    x = [x]\nprint(len(repr(x)))\n", "",
     (1, "deep-repr-raised-limit.py:6:11: RecursionError: maximum recursion depth exceeded "
      "while getting the repr of an object"))
case("deep-compare-raised-limit", "import sys\nsys.setrecursionlimit(1000000)\na = []\nb = []\n"
     "for i in range(200000):\n    a = [a]\n    b = [b]\nprint(a == b)\n", "",
     (1, "deep-compare-raised-limit.py:8:7: RecursionError: maximum recursion depth exceeded "
      "in comparison"))
case("memory-error-caught-then-name-error",
     "try:\n    x = [0] * (10**9)\nexcept MemoryError:\n    print('caught')\nprint(missing)\n",
     "--max-memory 64M",
     (1, "memory-error-caught-then-name-error.py:5:7: NameError: name 'missing' is not defined"))


# --- Asking CPython. ---------------------------------------------------------

# Loaded by `python3 FILE` through PYTHONPATH: reports how the file fails to
# compile, or leaves before its first line runs if it compiles.
SITECUSTOMIZE = r'''
import json, os, sys

def _report(kind, exc):
    with open(os.environ["BAD_INPUT_RESULT"], "w", encoding="utf-8") as f:
        json.dump({"kind": kind, "type": type(exc).__name__ if exc else None,
                   "msg": getattr(exc, "msg", None), "str": str(exc) if exc else None,
                   "lineno": getattr(exc, "lineno", None),
                   "offset": getattr(exc, "offset", None)}, f)

def _hook(etype, exc, tb):
    _report("compile", exc)
    os._exit(1)

def _tracer(frame, event, arg):
    if frame.f_code.co_name == "<module>" and \
       os.path.basename(frame.f_code.co_filename) == os.environ["BAD_INPUT_TARGET"]:
        _report("parsed", None)
        os._exit(0)
    return None

sys.excepthook = _hook
sys.settrace(_tracer)
'''


def escape(text):
    return text.replace("\n", "\\n").replace("\r", "\\r")


def brief(filename, lineno, column, text):
    where = filename
    if lineno:
        where += ":%d" % lineno
        if column:
            where += ":%d" % column
    return "%s: %s" % (where, escape(text))


def oracle_child(path, result):
    """In a child: run path with the prompt semantics; write the status and the brief line."""
    import traceback
    sys.path.insert(0, CONFORMANCE)
    import oracle

    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    outcome = {"status": 0, "line": ""}

    def report(exc, skip_frames=0):
        tb = exc.__traceback__
        for _ in range(skip_frames):
            if tb is not None:
                tb = tb.tb_next
        if isinstance(exc, SyntaxError):
            text = traceback.format_exception_only(type(exc), exc)[-1].rstrip("\n")
            line = brief(path, exc.lineno or 0, exc.offset or 0, text)
        else:
            text = "".join(traceback.format_exception_only(type(exc), exc)).rstrip("\n")
            lineno = column = 0
            if tb is not None:
                while tb.tb_next is not None:
                    tb = tb.tb_next
                positions = list(tb.tb_frame.f_code.co_positions())[tb.tb_lasti // 2]
                lineno = positions[0] or 0
                if lineno and positions[2] is not None:
                    source = lines[lineno - 1]
                    column = len(source[:positions[2]].decode("utf-8", "replace")) + 1
            line = brief(path, lineno, column, text)
        outcome["line"] = line

    oracle.report_exception = report
    # Recursion errors depend on depth: give the program as much of the
    # limit as `python3 FILE` does, whose module frame is the first, as
    # refscope-cli's is. Ours sits under these frames, run_program's and
    # the call of exec (a builtin call counts too).
    depth, frame = 0, sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    sys.setrecursionlimit(sys.getrecursionlimit() + depth + 2)
    outcome["status"] = oracle.run_program(path)
    with open(result, "w", encoding="utf-8") as f:
        json.dump(outcome, f)
    sys.stdout.flush()
    os._exit(0)


def ask_cpython(name, workdir):
    """(status, line) CPython gives for workdir/NAME.py."""
    filename = name + ".py"
    result = os.path.join(workdir, "result.json")
    site = os.path.join(workdir, "site")
    os.makedirs(site, exist_ok=True)
    with open(os.path.join(site, "sitecustomize.py"), "w") as f:
        f.write(SITECUSTOMIZE)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONPATH=site, PYTHONNOUSERSITE="1", PYTHONIOENCODING="utf-8",
               PYTHONDONTWRITEBYTECODE="1", BAD_INPUT_TARGET=filename, BAD_INPUT_RESULT=result)
    if os.path.exists(result):
        os.unlink(result)
    subprocess.run([sys.executable, "-W", "ignore", filename], cwd=workdir, env=env,
                   capture_output=True, timeout=120)
    with open(result, encoding="utf-8") as f:
        compiled = json.load(f)
    if compiled["kind"] == "compile":
        # Running a file names it by its absolute path in some messages;
        # refscope-cli names it as given.
        text = compiled["str"] if compiled["msg"] is None else compiled["msg"]
        text = (text or "").replace(os.path.join(workdir, ""), "")
        text = compiled["type"] + (": " + text if text else "")
        return 1, brief(filename, compiled["lineno"] or 0, compiled["offset"] or 0, text)

    os.unlink(result)
    subprocess.run([sys.executable, "-I", "-W", "ignore", os.path.abspath(__file__), "--oracle",
                    filename, result], cwd=workdir, capture_output=True, timeout=300)
    with open(result, encoding="utf-8") as f:
        ran = json.load(f)
    return ran["status"], ran["line"]


def expect_text(status, args, line):
    return "%d\n%s\n%s\n" % (status, args, line)


def main(argv):
    if len(argv) == 4 and argv[1] == "--oracle":
        oracle_child(argv[2], argv[3])
    check = argv[1:] == ["--check"]
    if argv[1:] not in ([], ["--check"]):
        sys.exit("usage: make-scripts.py [--check]")
    if sys.version_info[:2] != (3, 11):
        sys.exit("make-scripts.py must run on CPython 3.11")

    os.makedirs(SCRIPTS, exist_ok=True)
    differ = 0
    workdir = tempfile.mkdtemp(prefix="bad-input-")
    try:
        for name, source, args, expect in CASES:
            with open(os.path.join(workdir, name + ".py"), "wb") as f:
                f.write(source)
            status, line = expect if expect is not None else ask_cpython(name, workdir)
            files = {name + ".py": source,
                     name + ".expect": expect_text(status, args, line).encode("utf-8")}
            for filename, data in files.items():
                path = os.path.join(SCRIPTS, filename)
                try:
                    with open(path, "rb") as f:
                        same = f.read() == data
                except FileNotFoundError:
                    same = False
                if same:
                    continue
                differ += 1
                if check:
                    print("%s differs from what CPython says" % filename)
                else:
                    with open(path, "wb") as f:
                        f.write(data)
                    print("wrote", filename)
    finally:
        shutil.rmtree(workdir)
    known = {n + ext for n, _, _, _ in CASES for ext in (".py", ".expect")}
    # Cases made by a NAME.gen.py of their own are kept by hand.
    known |= {f for f in os.listdir(SCRIPTS) if f.endswith(".gen.py")}
    known |= {f[:-len(".gen.py")] + ".expect" for f in os.listdir(SCRIPTS) if f.endswith(".gen.py")}
    for stale in sorted(set(os.listdir(SCRIPTS)) - known):
        differ += 1
        print("%s is not a case of make-scripts.py" % stale)
    print("%d cases, %d file(s) %s" % (len(CASES), differ, "differ" if check else "changed"))
    return 1 if check and differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
