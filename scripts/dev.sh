#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine:
#   bash scripts/dev.sh demo   set everything up, then start the demo
#   bash scripts/dev.sh test   set everything up, then run the whole test suite (what CI runs)
#   bash scripts/dev.sh bench NAME   run bench/NAME.py in the same private keyring session as the tests
# "Set up" = the Debian packages the app and its tests need (installed only when missing), a virtualenv
# in .venv, and the package with its test extras (reinstalled only when pyproject.toml changes).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

APT_PACKAGES=(
  # Python
  python3 python3-venv python3-dev
  # Qt 6 (offscreen and X11/Xvfb) and a font to draw with
  libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-randr0 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1
  # libvlc with its plugins and plugin cache
  libvlc5 vlc-plugin-base libvlc-bin
  # a real Secret Service for the keyring, a virtual screen, the issuer's PostgreSQL for tests
  dbus-daemon gnome-keyring xvfb xauth postgresql
  # demo media (scripts/make_demo_media.sh) and the tests that probe it
  ffmpeg
)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 2; }

install_debian_packages() {
  command -v dpkg-query >/dev/null || { say "not Debian: install the equivalents of: ${APT_PACKAGES[*]}"; return; }
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return
  say "installing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "these Debian packages are missing and you are not root: ${missing[*]}"
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

setup_python() {
  local python=${PYTHON:-python3}
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || die "Python 3.11 or newer is needed ($python is older)"
  if [ ! -x .venv/bin/python ]; then
    say "creating .venv"
    "$python" -m venv .venv
  fi
  local stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
  if [ ! -f "$stamp" ]; then
    say "installing the app and its test tools into .venv"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[test]"
    rm -f .venv/.installed-*
    touch "$stamp"
  fi
}

# Tests run with a private HOME (the keyring and caches never touch the developer's own), offscreen Qt,
# and a real Secret Service: a private D-Bus session with an unlocked gnome-keyring.
run_tests() {
  in_test_session "$ROOT"/.venv/bin/python -m pytest "$@"
}

in_test_session() {
  scratch=$(mktemp -d -t assessors-desk-tests.XXXXXX)
  trap 'rm -rf "${scratch:-}"' EXIT
  mkdir -p "$scratch/home" "$scratch/runtime" && chmod 700 "$scratch/runtime"
  export HOME="$scratch/home" XDG_RUNTIME_DIR="$scratch/runtime" XDG_DATA_HOME="$scratch/home/.local/share"
  export XDG_CONFIG_HOME="$scratch/home/.config" XDG_CACHE_HOME="$scratch/home/.cache"
  export QT_QPA_PLATFORM=offscreen PYTHONDONTWRITEBYTECODE=1
  dbus-run-session -- bash -c '
    echo -n test-session | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
    exec "$@"' keyring-session "$@"
}

# The demo signs in through the real keyring path. A desktop session has a Secret Service already; without
# one (a bare machine, ssh), the demo gets a private D-Bus session with a throwaway keyring of its own.
run_demo() {
  local app=(.venv/bin/assessor-app --demo "$@")
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    say "no display found: starting the demo on a virtual screen (xvfb-run); use a desktop session to see it"
    app=(xvfb-run -a -s "-screen 0 1280x800x24" "${app[@]}")
  fi
  if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    scratch=$(mktemp -d -t assessors-desk-demo.XXXXXX)
    trap 'rm -rf "${scratch:-}"' EXIT
    export XDG_DATA_HOME="$scratch/share" XDG_RUNTIME_DIR="$scratch/runtime"
    mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
    dbus-run-session -- bash -c 'echo -n demo | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
      exec "$@"' demo "${app[@]}"
    return
  fi
  exec "${app[@]}"
}

case "${1:-}" in
  demo) shift; install_debian_packages; setup_python; run_demo "$@" ;;
  test) shift; install_debian_packages; setup_python; run_tests "$@" ;;
  bench) shift; install_debian_packages; setup_python
         [ -f "bench/${1:-}.py" ] || die "usage: bash scripts/dev.sh bench NAME (one of: $(cd bench && ls [a-z]*.py | sed 's/.py$//' | tr '\n' ' '))"
         name=$1; shift; in_test_session "$ROOT/.venv/bin/python" "bench/$name.py" "$@" ;;
  setup) install_debian_packages; setup_python ;;
  *) die "usage: bash scripts/dev.sh demo|test|bench NAME|setup [extra arguments]" ;;
esac
