#!/bin/sh
# Runs one conformance program under refscope-cli and compares the result
# with what CPython 3.11 produced (the files oracle.py wrote in expected/).
#
#   check-one.sh CLI PROGRAM EXPECTED_DIR [--check-invariants]
#
# Compared: stdout byte for byte, the last line of stderr (the
# "TypeName: message" line of a traceback; the rest of a traceback names
# files and frames that differ between runtimes), and the exit status.
# Exit 0 when all three match, 1 when something differs, 99 (meson's "hard
# error") when the test itself cannot run.
#
# POSIX sh only: it runs wherever meson does, without bash.

set -u

usage() {
  echo "usage: check-one.sh CLI PROGRAM EXPECTED_DIR [--check-invariants]" >&2
  exit 99
}

[ $# -eq 3 ] || [ $# -eq 4 ] || usage
cli=$1
program=$2
expected_dir=$3
invariants=no
if [ $# -eq 4 ]; then
  [ "$4" = "--check-invariants" ] || usage
  invariants=yes
fi

# Seconds before a program counts as hung. Generous: the slowest programs
# recurse to the recursion limit or allocate a hundred thousand objects.
time_limit=30

name=$(basename "$program" .py)
want_stdout=$expected_dir/$name.stdout
want_stderr=$expected_dir/$name.stderr
want_status=$expected_dir/$name.status

for f in "$want_stdout" "$want_stderr" "$want_status"; do
  if [ ! -f "$f" ]; then
    echo "$name: missing $f (regenerate with oracle.py --regen)" >&2
    exit 99
  fi
done
if [ ! -f "$program" ]; then
  echo "$name: no such program $program" >&2
  exit 99
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/refscope-conformance.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT TERM

# Build the command line; --check-invariants goes before the program, as
# `refscope-cli run [--check-invariants] FILE.py` expects.
set -- "$cli" run
if [ "$invariants" = yes ]; then
  set -- "$@" --check-invariants
fi
set -- "$@" "$program"

# timeout(1) is not POSIX but is everywhere meson runs (coreutils, busybox);
# without it the test still works, only a hang is caught by meson's own
# (longer) timeout instead.
if command -v timeout >/dev/null 2>&1; then
  timeout "$time_limit" "$@" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null
else
  "$@" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null
fi
status=$?

# The last line of stderr, newline-terminated, or nothing if stderr is empty:
# the same rule as oracle.py's last_line(). Command substitution drops
# trailing newlines, printf puts exactly one back.
if [ -s "$tmp/stderr" ]; then
  last=$(tail -n 1 "$tmp/stderr")
  printf '%s\n' "$last" >"$tmp/stderr.last"
else
  : >"$tmp/stderr.last"
fi

failed=no

if [ "$status" -eq 124 ] && command -v timeout >/dev/null 2>&1; then
  echo "$name: timed out after ${time_limit}s"
  failed=yes
fi

if [ "$invariants" = yes ] && [ "$status" -eq 3 ]; then
  # The CLI's way of saying the heap failed its consistency check (a
  # refcount that does not match the references, a dangling pointer, ...).
  # The program's output may well be right; the runtime is not.
  echo "$name: heap invariant check failed (refscope-cli exit status 3)"
  failed=yes
fi

if ! cmp -s "$want_stdout" "$tmp/stdout"; then
  echo "$name: stdout differs from CPython's:"
  diff -u "$want_stdout" "$tmp/stdout"
  failed=yes
fi

if ! cmp -s "$want_stderr" "$tmp/stderr.last"; then
  echo "$name: last line of stderr differs:"
  diff -u "$want_stderr" "$tmp/stderr.last"
  failed=yes
fi

expected_status=$(cat "$want_status")
if [ "$status" != "$expected_status" ]; then
  echo "$name: exit status $status, CPython exited with $expected_status"
  failed=yes
fi

if [ "$failed" = yes ]; then
  if [ -s "$tmp/stderr" ]; then
    echo "--- stderr of refscope-cli (last 20 lines):"
    tail -n 20 "$tmp/stderr"
  fi
  exit 1
fi
exit 0
