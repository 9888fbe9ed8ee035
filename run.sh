#!/bin/sh
# run.sh: sets up what is missing, builds Refscope into build/, and opens it
# on its first lesson (or a file given as argument).
set -e
cd "$(dirname "$0")"
. tools/ensure-deps.sh
ensure_deps build
refscope_build

if [ -x build/src/app/refscope ]; then
  exec build/src/app/refscope "$@"
fi

# Until the desktop app is built, run the seed's lessons in the terminal.
if [ -x build/src/cli/refscope-cli ]; then
  if [ $# -gt 0 ]; then
    exec build/src/cli/refscope-cli run "$@"
  fi
  for lesson in data/lessons/*.py; do
    [ -f "$lesson" ] || continue
    echo "== $lesson"
    build/src/cli/refscope-cli run "$lesson" || true
  done
  exit 0
fi

echo "Refscope's runtime is built; the command-line tool and the app are not yet." >&2
exit 1
