#!/bin/sh
# tests/fuzz/make-seeds.sh: fills OUT/parse and OUT/interp with the seed
# corpora of the fuzz targets: the project's own Python sources (the
# conformance programs, the parser's corpus and its syntax errors) plus the
# regression inputs; and OUT/trace with the malformed traces of
# tests/bad-input and the trace regressions (lesson traces among them).
# Copies, so the repository holds each file once.
#
#   make-seeds.sh OUT
#
# POSIX sh only.

set -eu

[ $# -eq 1 ] || { echo "usage: make-seeds.sh OUT" >&2; exit 2; }
out=$1
here=$(cd "$(dirname "$0")" && pwd)
tests=$(dirname "$here")

mkdir -p "$out/parse" "$out/interp" "$out/trace"

# Names are prefixed with their folder: the corpora share some names.
copy () {
  prefix=$1
  shift
  for f in "$@"; do
    [ -f "$f" ] || continue
    name=$(basename "$f")
    cp "$f" "$out/parse/$prefix-$name"
    cp "$f" "$out/interp/$prefix-$name"
  done
}

copy conformance "$tests"/conformance/programs/*.py
copy parse "$tests"/lang/parse/*.py
copy syntax-error "$tests"/lang/syntax-errors/*.py

for f in "$tests"/bad-input/traces/*.jsonl; do
  [ -f "$f" ] && cp "$f" "$out/trace/bad-input-$(basename "$f")"
done

for target in parse interp trace; do
  for f in "$here/regressions/$target"/*; do
    [ -f "$f" ] && cp "$f" "$out/$target/regression-$(basename "$f")"
  done
done

echo "seeds: $(ls "$out/parse" | wc -l) in $out/parse, $(ls "$out/interp" | wc -l) in $out/interp," \
  "$(ls "$out/trace" | wc -l) in $out/trace"
