#!/bin/sh
# test.sh: sets up what is missing, builds Refscope, and runs every test
# suite; the UI suite runs under xvfb-run. Exits non-zero if anything fails.
set -e
cd "$(dirname "$0")"
. tools/ensure-deps.sh
ensure_deps test
refscope_build

status=0
meson test -C build --no-rebuild --print-errorlogs --no-suite ui || status=1
if meson test -C build --list 2>/dev/null | grep -q '^refscope:ui'; then
  xvfb-run -a -s "-screen 0 1600x1000x24" \
    meson test -C build --no-rebuild --print-errorlogs --suite ui || status=1
fi
exit $status
