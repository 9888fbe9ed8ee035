#!/bin/sh
# tools/fuzz.sh: runs one libFuzzer target of tests/fuzz for a while on both
# cores, in build-fuzz/ (set up with clang on first use), and prints the
# total number of executions at the end.
#
#   tools/fuzz.sh parse|interp|trace SECONDS
#
# Environment: FUZZ_JOBS (parallel workers, default 2), FUZZ_CRASH_DIR (where
# crashing, leaking and slow inputs go; default build-fuzz/fuzz-crashes/TARGET).
# The corpus grown so far is kept in build-fuzz/fuzz-corpus/TARGET and is
# the starting point of the next run, with the seeds make-seeds.sh writes.
# Exits 1 if any crash, leak or timeout was found, 0 otherwise.
# POSIX sh.

set -eu

usage () {
  echo "usage: tools/fuzz.sh parse|interp|trace SECONDS" >&2
  exit 2
}

[ $# -eq 2 ] || usage
target=$1
seconds=$2
case $target in parse|interp|trace) ;; *) usage ;; esac
case $seconds in ''|*[!0-9]*) usage ;; esac

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=$root/build-fuzz
jobs=${FUZZ_JOBS:-2}
crashes=${FUZZ_CRASH_DIR:-$build/fuzz-crashes/$target}
corpus=$build/fuzz-corpus/$target
seeds=$build/fuzz-seeds

# clang and its sanitizer runtimes are test dependencies of the project.
. "$root/tools/ensure-deps.sh"
ensure_deps test

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" -Dfuzzing=true
else
  meson configure "$build" -Dfuzzing=true
fi
meson compile -C "$build" "tests/fuzz/fuzz-$target:executable"

sh "$root/tests/fuzz/make-seeds.sh" "$seeds"
mkdir -p "$corpus" "$crashes"
start=$build/fuzz-$target.start
touch "$start"

# JOBS libFuzzer processes share the corpus folder (each picks up what the
# others add). One that stops on a finding is started again for the time
# left, so a crash costs seconds, not the rest of the run. An input that
# runs past 10 seconds (interp: 30, as the heap check after each statement
# walks a heap of up to 64 MiB, seconds under ASan) counts as a hang.
# UBSan's findings abort, so they are crashes too.
timeout=10
[ "$target" = interp ] && timeout=30
# GSlice on plain malloc, as under valgrind, so that ASan sees each of
# GLib's blocks on its own: GSlice's caches would hide a use after free or
# a leak inside them.
[ "$target" = trace ] && export G_SLICE=always-malloc
echo "fuzzing $target for ${seconds}s with $jobs workers; logs in $build/fuzz-logs/$target"
logs=$build/fuzz-logs/$target
rm -rf "$logs"
mkdir -p "$logs"
end=$(($(date +%s) + seconds))

# Python's keywords and operators help the two targets that read Python.
dict=-dict="$root/tests/fuzz/python.dict"
[ "$target" = trace ] && dict=

# A restart with less than a minute left would spend it loading the corpus.
worker () {
  n=0
  while now=$(date +%s) && { [ "$n" -eq 0 ] || [ $((end - now)) -ge 60 ]; }; do
    "$build/tests/fuzz/fuzz-$target" \
      -max_total_time=$((end - now)) -timeout="$timeout" -rss_limit_mb=2048 \
      -print_final_stats=1 $dict \
      -artifact_prefix="$crashes/" \
      "$corpus" "$seeds/$target" >"$logs/worker$1-run$n.log" 2>&1 || true
    n=$((n + 1))
  done
}

i=0
while [ "$i" -lt "$jobs" ]; do
  worker "$i" &
  i=$((i + 1))
done
wait

total=$(cat "$logs"/*.log | sed -n 's/^stat::number_of_executed_units: *//p' \
          | awk '{ n += $1 } END { print n + 0 }')
runs=$(ls "$logs" | wc -l)
found=$(find "$crashes" -type f -newer "$start" | wc -l)
echo "target: $target"
echo "time: ${seconds}s, $jobs workers, $runs fuzzer runs"
echo "new crashing, leaking or slow inputs in $crashes: $found"
if [ "$seconds" -gt 0 ]; then
  echo "exec/s: $((total / seconds))"
fi
echo "total executions: $total"
if [ "$found" -gt 0 ]; then
  exit 1
fi
