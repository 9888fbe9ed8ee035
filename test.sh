#!/bin/sh
# test.sh: sets up what is missing, builds Refscope, and runs every test
# suite (the UI suite under xvfb-run), then every suite but the UI one again
# in a sanitizer build. Ends with one summary line; exits non-zero if
# anything failed.
set -e
cd "$(dirname "$0")"
. tools/ensure-deps.sh
ensure_deps test
refscope_build

status=0
logs=""
meson test -C build --no-rebuild --print-errorlogs --no-suite ui \
  --logbase testlog-main || status=1
logs="$logs build/meson-logs/testlog-main.json"
if meson test -C build --list 2>/dev/null | grep -q '^refscope:ui'; then
  xvfb-run -a -s "-screen 0 1600x1000x24" \
    meson test -C build --no-rebuild --print-errorlogs --suite ui \
      --logbase testlog-ui || status=1
  logs="$logs build/meson-logs/testlog-ui.json"
fi

# Every suite but the UI one again under AddressSanitizer (with leak
# checking) and UndefinedBehaviorSanitizer, in a build directory of its own.
# GSlice on plain malloc, as for valgrind, so that ASan sees each of GLib's
# blocks on its own: GSlice's caches would hide a use after free or a leak.
if [ ! -f build-sanitize/build.ninja ]; then
  meson setup build-sanitize -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fno-omit-frame-pointer
fi
meson compile -C build-sanitize
G_SLICE=always-malloc ASAN_OPTIONS=detect_leaks=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
LSAN_OPTIONS=suppressions="$PWD/tools/lsan.supp":print_suppressions=0 \
  meson test -C build-sanitize --no-rebuild --print-errorlogs --no-suite ui \
    --logbase testlog-sanitize || status=1
logs="$logs build-sanitize/meson-logs/testlog-sanitize.json"

# shellcheck disable=SC2086
python3 tools/test-summary.py $logs
exit $status
