#!/usr/bin/env python3
# make-expected.py: writes the expected outputs of the parser tests with
# CPython 3.11: NAME.dump (ast.dump, then with include_attributes=True) for
# parse/NAME.py, and NAME.err (what `python3 NAME.py` prints) for
# syntax-errors/NAME.py; also the cases.txt lists meson reads.
import ast
import os
import subprocess
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))

if sys.version_info[:2] != (3, 11):
    sys.exit("make-expected.py must run on CPython 3.11")


def cases(folder):
    names = sorted(f[:-3] for f in os.listdir(folder) if f.endswith(".py"))
    with open(os.path.join(folder, "cases.txt"), "w") as f:
        f.write("\n".join(names) + "\n")
    return names


def parse_corpus():
    folder = os.path.join(HERE, "parse")
    for name in cases(folder):
        with open(os.path.join(folder, name + ".py"), "rb") as f:
            source = f.read()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(source)
        with open(os.path.join(folder, name + ".dump"), "w", encoding="utf-8") as f:
            f.write(ast.dump(tree) + "\n")
            f.write(ast.dump(tree, include_attributes=True) + "\n")


def error_corpus():
    folder = os.path.join(HERE, "syntax-errors")
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
    for name in cases(folder):
        # Warnings (an invalid escape, "1if") are not part of the error.
        result = subprocess.run([sys.executable, "-W", "ignore", name + ".py"], cwd=folder, env=env,
                                capture_output=True)
        # Running a script names it by its absolute path; the tests name it
        # as the file itself.
        err = result.stderr.decode("utf-8", "surrogateescape")
        err = err.replace(os.path.join(folder, ""), "")
        if result.returncode == 0 or "Error" not in err or "Traceback" in err:
            sys.exit("%s.py did not fail to compile" % name)
        with open(os.path.join(folder, name + ".err"), "w", encoding="utf-8",
                  errors="surrogateescape") as f:
            f.write(err)


parse_corpus()
error_corpus()
