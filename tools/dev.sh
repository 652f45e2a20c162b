#!/usr/bin/env bash
# One-command set-up for BelgAI Desktop on Debian/Ubuntu (see README).
#   bash tools/dev.sh run    install everything (system packages too) and open the app
#   bash tools/dev.sh test   install everything and run the whole test suite
#   bash tools/dev.sh install  only install
# Safe to run again: each step is skipped when already done.
set -euo pipefail

cd "$(dirname "$0")/.."
VENV=${BELGAI_VENV:-.venv}

# Qt needs these shared libraries even offscreen; fontconfig brings DejaVu fonts (without
# fonts Qt writes blank PDFs); xvfb & co. give a virtual screen; poppler-utils for pdftoppm.
SYSTEM_PACKAGES=(
  python3 python3-venv python3-pip
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
  xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1
  poppler-utils
)

say() { printf 'belgai setup: %s\n' "$*"; }

install_system_packages() {
  local missing=()
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    say "missing system packages (${missing[*]}) and no apt-get: install them with your package manager"
    exit 2
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { say "run as root or install sudo to install: ${missing[*]}"; exit 2; }
    sudo="sudo"
  fi
  say "installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

pick_python() {
  for py in python3.13 python3.12 python3.11 python3; do
    if command -v "$py" >/dev/null && "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      echo "$py"; return 0
    fi
  done
  say "Python 3.11 or newer is required"; exit 2
}

install_python_packages() {
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating virtual environment in $VENV"
    "$(pick_python)" -m venv "$VENV"
  fi
  # Reinstall only when pyproject.toml changed since the last install.
  local stamp="$VENV/.belgai-installed"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    say "installing Python packages"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[test]"
    touch "$stamp"
  fi
}

install() {
  install_system_packages
  install_python_packages
}

cmd=${1:-run}
shift || true
case "$cmd" in
  install)
    install ;;
  run)
    install
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      say "no display found: starting the app on a virtual screen (Xvfb)"
      exec xvfb-run -a -s "-screen 0 1400x900x24" "$VENV/bin/belgai" "$@"
    fi
    exec "$VENV/bin/belgai" "$@" ;;
  test)
    install
    export QT_QPA_PLATFORM=offscreen
    "$VENV/bin/ruff" check belgai_desktop tests benchmarks tools
    "$VENV/bin/belgai" db check
    exec "$VENV/bin/python" -m pytest "$@" ;;
  *)
    say "unknown command '$cmd' (use: run, test or install)"; exit 2 ;;
esac
