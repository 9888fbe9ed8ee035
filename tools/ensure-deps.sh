#!/bin/sh
# tools/ensure-deps.sh: installs the Debian 12 packages Refscope needs that
# are missing, with apt-get as root or through sudo; otherwise names them and
# fails. Sourced by run.sh and test.sh so both set up the same way.
#   ensure_deps build|test

# fonts-droid-fallback: the lessons, their explanations and the zh_CN
# interface are partly Chinese, which DejaVu alone shows as empty boxes.
refscope_packages_build="gcc pkg-config meson ninja-build libc6-dev
  libglib2.0-dev libjson-c-dev libgtk-4-dev libadwaita-1-dev
  libgtksourceview-5-dev libgraphviz-dev libcairo2-dev libpango1.0-dev zlib1g-dev
  desktop-file-utils appstream gettext fonts-droid-fallback"
refscope_packages_test="xvfb xauth valgrind clang libclang-rt-14-dev"

ensure_deps () {
  packages=$refscope_packages_build
  if [ "$1" = test ]; then
    packages="$packages $refscope_packages_test"
  fi

  missing=""
  for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing="$missing $p"
    fi
  done
  [ -z "$missing" ] && return 0

  echo "Installing missing Debian packages:$missing"
  if [ "$(id -u)" = 0 ]; then
    apt_get="apt-get"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    apt_get="sudo apt-get"
  else
    echo "error: these Debian packages are missing:$missing" >&2
    echo "Install them with: sudo apt-get install$missing" >&2
    return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  # An old package list finds nothing, so refresh it before installing.
  $apt_get update -q >/dev/null || return 1
  # shellcheck disable=SC2086
  $apt_get install -y -q --no-install-recommends $missing || return 1
}

# Configures build/ once and builds it.
refscope_build () {
  if [ ! -f build/build.ninja ]; then
    meson setup build || return 1
  fi
  meson compile -C build
}
