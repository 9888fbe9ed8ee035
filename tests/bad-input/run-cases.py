#!/usr/bin/env python3
# run-cases.py: runs refscope-cli on every bad input of a case folder and
# checks that each fails the way its NAME.expect says, clearly and without
# crashing.
#
#   run-cases.py [--kind scripts|traces] [--timeout SECONDS] [--verbose] CLI DIR
#
# A case is NAME.py (kind scripts: `CLI run --error-format=brief NAME.py
# ARGS`) or NAME.jsonl (kind traces: `CLI check NAME.jsonl ARGS`), run in DIR
# so that messages name the file as NAME.py, with NAME.expect beside it;
# NAME.gen.py instead of the input makes it (into its first argument) when
# the case runs, for inputs too big to keep:
#
#   line 1  the exit status
#   line 2  extra arguments, split on blanks (may be empty)
#   line 3  the exact first line of stderr; empty: stderr must be empty
#
# A case fails when it times out, dies by a signal or with a status of 128
# or more, prints sanitizer output, exits with another status, prints
# another first line or, for scripts, more than the one line of the brief
# form. One line per failure; the last line counts them. Exit 1 if any
# failed, 77 (skipped) if DIR holds no case. Standard library only.
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

EXTENSIONS = {"scripts": ".py", "traces": ".jsonl"}
CRASH_MARKERS = ("AddressSanitizer", "LeakSanitizer", "UndefinedBehaviorSanitizer",
                 "runtime error:", "Segmentation fault", "core dumped")


def command(cli, kind, filename, args):
    if kind == "scripts":
        return [cli, "run", "--error-format=brief", *args, filename]
    return [cli, "check", filename, *args]


def read_expect(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if len(lines) < 3 or not lines[0].strip().lstrip("-").isdigit():
        raise ValueError("needs 3 lines: exit status, arguments, first stderr line")
    return int(lines[0]), lines[1].split(), lines[2]


def shorten(text, limit=300):
    return text if len(text) <= limit else text[:limit] + "..."


def run_case(cli, kind, folder, name, timeout):
    """None if the case passes, else what went wrong."""
    filename = name + EXTENSIONS[kind]
    try:
        status, args, first_line = read_expect(os.path.join(folder, name + ".expect"))
    except (OSError, ValueError) as e:
        return "bad %s.expect: %s" % (name, e)
    workdir = folder
    generator = os.path.join(folder, name + ".gen.py")
    if os.path.exists(generator):
        # Too big to keep: made now, in a folder of its own, and removed.
        workdir = tempfile.mkdtemp(prefix="refscope-bad-input-")
        subprocess.run([sys.executable, generator, filename], cwd=workdir, check=True)
    try:
        proc = subprocess.run(command(cli, kind, filename, args), cwd=workdir,
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timed out after %g s" % timeout
    except OSError as e:
        return "cannot run %s: %s" % (cli, e)
    finally:
        if workdir != folder:
            shutil.rmtree(workdir, ignore_errors=True)
    stderr = proc.stderr.decode("utf-8", "backslashreplace")
    # What AddressSanitizer says when it returns NULL for an impossible
    # request is not the program's output.
    stderr = re.sub(r"(?m)^==\d+==WARNING: AddressSanitizer failed to allocate .*\n", "", stderr)
    lines = stderr.split("\n")
    got_first = lines[0] if stderr else ""

    if proc.returncode < 0 or proc.returncode >= 128:
        return "crashed (exit status %d); stderr: %s" % (proc.returncode, shorten(stderr))
    for marker in CRASH_MARKERS:
        if marker in stderr:
            return "sanitizer or crash report in stderr: %s" % shorten(stderr, 2000)
    problems = []
    if proc.returncode != status:
        problems.append("exit status: expected %d, got %d" % (status, proc.returncode))
    if got_first != first_line:
        problems.append("first stderr line: expected %r, got %r" % (first_line, got_first))
    elif kind == "scripts" and stderr and stderr != first_line + "\n":
        problems.append("more than one line on stderr: %r" % shorten(stderr))
    return "; ".join(problems) or None


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kind", choices=sorted(EXTENSIONS),
                        help="what the folder holds (default: its name if it is "
                        "scripts or traces, else scripts)")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="seconds per case (default 10)")
    parser.add_argument("--verbose", action="store_true", help="list passing cases too")
    parser.add_argument("cli")
    parser.add_argument("folder")
    opts = parser.parse_args()
    folder = os.path.abspath(opts.folder)
    kind = opts.kind or (os.path.basename(folder.rstrip(os.sep))
                         if os.path.basename(folder.rstrip(os.sep)) in EXTENSIONS else "scripts")
    cli = os.path.abspath(opts.cli)
    # Under AddressSanitizer an impossible request ([0] * 10**12) must come
    # back as NULL, as malloc's does, for the runtime to raise MemoryError.
    asan = os.environ.get("ASAN_OPTIONS", "detect_leaks=1")
    if "allocator_may_return_null" not in asan:
        asan += ":allocator_may_return_null=1"
    os.environ["ASAN_OPTIONS"] = asan
    os.environ.setdefault("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1")

    extension = EXTENSIONS[kind]
    names = sorted(f[:-len(extension)] for f in os.listdir(folder) if f.endswith(extension)
                   and not f.endswith(".gen.py"))
    # NAME.gen.py makes NAME's input when it runs (a 1 GB line).
    names = sorted(names + [f[:-len(".gen.py")] for f in os.listdir(folder)
                            if f.endswith(".gen.py")])
    if not names:
        print("no %s cases in %s" % (kind, folder))
        return 77
    failed = 0
    # An .expect without its input would be a case silently not run.
    for orphan in sorted(f[:-len(".expect")] for f in os.listdir(folder)
                         if f.endswith(".expect") and f[:-len(".expect")] not in names):
        failed += 1
        print("FAIL %s: %s.expect has no %s%s" % (orphan, orphan, orphan, extension))
    for name in names:
        started = time.monotonic()
        problem = run_case(cli, kind, folder, name, opts.timeout)
        if problem is not None:
            failed += 1
            print("FAIL %s: %s" % (name, problem))
        elif opts.verbose:
            print("ok   %s (%.2f s)" % (name, time.monotonic() - started))
    print("%d passed, %d failed" % (len(names) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
