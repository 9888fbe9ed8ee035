#!/bin/sh
# run.sh: sets up what is missing, builds Refscope into build/, and opens
# the app: on its first lesson (or the lesson or program last open), or on
# a script or trace given as argument.
set -e
cd "$(dirname "$0")"
. tools/ensure-deps.sh
ensure_deps build
refscope_build
# The app finds its settings schema in build/data when run from the build.
exec build/src/app/refscope "$@"
