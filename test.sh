#!/bin/sh
# test.sh: sets up what is missing, builds Refscope, and runs every test
# suite; the UI suite runs under xvfb-run. Ends with one summary line and
# exits non-zero if anything failed.
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

# shellcheck disable=SC2086
python3 tools/test-summary.py $logs
exit $status
