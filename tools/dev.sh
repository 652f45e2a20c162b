#!/usr/bin/env bash
# Set-up for BelgAI Desktop from a source checkout on Debian/Ubuntu (see README).
#   bash tools/dev.sh run      install what running needs and open the app
#   bash tools/dev.sh test     install everything and run the whole test suite (CI runs this),
#                              the core's tests a second time without Qt (in .venv-core)
#   bash tools/dev.sh install  install everything, run nothing
#   bash tools/dev.sh bundle   build the portable bundle dist/belgai-<version>-linux-<arch>.tar.gz
#   bash tools/dev.sh lock     upgrade the locked dependencies (requirements/*.txt) and say what changed
# Python packages come only from the lock files, with their hashes. Safe to run again:
# each step is skipped when already done.
set -euo pipefail

cd "$(dirname "$0")/.."
VENV=${BELGAI_VENV:-.venv}
APT_LOCK_WAIT=${BELGAI_APT_LOCK_WAIT:-300}  # seconds to wait for another package manager

# What Qt needs to open a window (fontconfig brings DejaVu fonts; without fonts Qt writes
# blank PDFs). Every Linux desktop has these already.
RUN_PACKAGES=(
  python3 python3-venv
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1
)
# A virtual screen, only where there is no display.
SCREEN_PACKAGES=(xvfb xauth)
# The tests also need pdftoppm (poppler-utils), a virtual screen for the bundle's GUI check, and the
# bundle build the condensed DejaVu fonts of the printed summary and `strip`.
TEST_PACKAGES=(xvfb xauth poppler-utils fonts-dejavu-extra binutils)

say() { printf 'belgai setup: %s\n' "$*"; }

have_display() { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }

apt_locked() {
  # True while another package manager holds dpkg's or apt's lock.
  command -v fuser >/dev/null || return 1
  fuser /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock >/dev/null 2>&1
}

wait_for_apt() {
  local waited=0
  while apt_locked; do
    [ "$waited" -eq 0 ] && say "another package manager is running; waiting for it (up to ${APT_LOCK_WAIT}s)"
    if [ "$waited" -ge "$APT_LOCK_WAIT" ]; then
      say "the package manager is still busy after ${APT_LOCK_WAIT}s; try again when it has finished"
      exit 2
    fi
    sleep 5; waited=$((waited + 5))
  done
}

install_system_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    say "missing system packages: ${missing[*]} (no apt-get here: install them with your package manager)"
    exit 2
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
      say "missing system packages and no root or sudo: ask an administrator to run: apt-get install ${missing[*]}"
      exit 2
    fi
    sudo=(sudo)
  fi
  say "installing system packages: ${missing[*]}"
  wait_for_apt
  # apt waits for the lock itself too (a second package manager can start after our check).
  local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o "DPkg::Lock::Timeout=$APT_LOCK_WAIT" -qq)
  "${apt[@]}" update || { say "apt-get update failed (see above)"; exit 2; }
  "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null \
    || { say "could not install: ${missing[*]} (see apt's message above)"; exit 2; }
}

pick_python() {
  for py in python3.13 python3.12 python3.11 python3; do
    # 2>/dev/null: a pyenv shim names a version it cannot run (and says so at length)
    if command -v "$py" >/dev/null && "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$py"; return 0
    fi
  done
  say "Python 3.11 or newer is required"; exit 2
}

# install_python_packages LOCK: exactly the packages of requirements/LOCK.txt, then the app
# itself (editable, no dependencies of its own: the lock has them all).
install_python_packages() {
  local lock="requirements/$1.txt"
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating virtual environment in $VENV"
    "$(pick_python)" -m venv "$VENV"
  fi
  local stamp="$VENV/.belgai-installed-$1"
  if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ setup.py -nt "$stamp" ]; then
    say "installing the Python packages of $lock"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --require-hashes --no-deps -r "$lock"
    local log="$VENV/.belgai-install.log"  # setuptools' editable-install notices, shown only on failure
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e . >"$log" 2>&1 \
      || { cat "$log"; say "installing the app into $VENV failed (see above)"; exit 2; }
    touch "$stamp"
  fi
}

install_for_running() {
  install_system_packages "${RUN_PACKAGES[@]}"
  have_display || install_system_packages "${SCREEN_PACKAGES[@]}"
  install_python_packages app
}

install_for_development() {
  install_system_packages "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
  install_python_packages dev
}

# The core's tests in a second environment that has every locked package except Qt
# (PySide6, shiboken6, pytest-qt): proves that the core, `belgai show|list|search|db` and the
# print's wording need no Qt (as napari's CI does). Same lock and hashes, minus those.
core_tests() {
  local venv=${BELGAI_CORE_VENV:-.venv-core} lock=requirements/dev.txt qtfree
  [ -x "$venv/bin/python" ] || { say "creating the Qt-free environment $venv"; "$(pick_python)" -m venv "$venv"; }
  local stamp="$venv/.belgai-installed-core"
  if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ setup.py -nt "$stamp" ]; then
    say "installing the Python packages of $lock except Qt into $venv"
    qtfree=$(mktemp)
    awk '/^[a-z0-9]/ { skip = ($0 ~ /^(pyside6|shiboken6|pytest-qt)[-=]/) } !skip' "$lock" >"$qtfree"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --require-hashes --no-deps -r "$qtfree"
    rm -f "$qtfree"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e . \
      >"$venv/.belgai-install.log" 2>&1 || { cat "$venv/.belgai-install.log"; say "installing the app into $venv failed"; exit 2; }
    touch "$stamp"
  fi
  if "$venv/bin/python" -c 'import importlib.util as u, sys; sys.exit(not (u.find_spec("PySide6") or u.find_spec("shiboken6")))'; then
    say "Qt is importable in $venv: the Qt-free test run would prove nothing"; exit 2
  fi
  # Not the slow ones: they prove nothing more about Qt, and the full run below has them.
  say "the core's tests without Qt ($venv)"
  BELGAI_QT_FREE=1 "$venv/bin/python" -m pytest -q -p no:cacheprovider -W ignore::pytest.PytestConfigWarning \
    -m "not slow" tests/core
}

version() { "$VENV/bin/python" -c 'import belgai_desktop; print(belgai_desktop.__version__)'; }

bundle() {
  local arch name
  arch=$(uname -m)
  name="belgai-$(version)-linux-$arch"
  say "building the bundle $name (PyInstaller, one folder)"
  rm -rf build/bundle "dist/belgai" "dist/$name.tar.gz"
  "$VENV/bin/pyinstaller" --noconfirm --clean --log-level ERROR \
    --distpath dist --workpath build/bundle tools/belgai.spec
  # Reproducible-ish tarball: sorted names, no owner.
  tar --sort=name --owner=0 --group=0 --numeric-owner -C dist -czf "dist/$name.tar.gz" belgai
  say "wrote dist/$name.tar.gz ($(du -sh dist/belgai | cut -f1) unpacked, $(du -h "dist/$name.tar.gz" | cut -f1) packed)"
}

lock() {
  # Upgrade every pin to the newest release that pyproject's ranges allow, then show what changed.
  # Resolved against the public index alone (local pip configuration ignored), so that every
  # developer writes the same file.
  [ -x "$VENV/bin/pip-compile" ] || { say "run 'bash tools/dev.sh install' first (it brings pip-compile)"; exit 2; }
  local compile=(env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL -u PIP_CONSTRAINT
                 PIP_CONFIG_FILE=/dev/null "$VENV/bin/pip-compile" -q --generate-hashes --allow-unsafe --strip-extras)
  local before
  before=$(mktemp)
  cat requirements/dev.txt requirements/app.txt | grep -E '^[a-z0-9_.-]+==' | sort -u > "$before"
  export CUSTOM_COMPILE_COMMAND="bash tools/dev.sh lock"
  "${compile[@]}" --upgrade --extra test --extra bundle --extra dev -o requirements/dev.txt pyproject.toml
  "${compile[@]}" --upgrade --all-build-deps -c requirements/dev.txt -o requirements/app.txt pyproject.toml
  say "what changed in the lock (- before, + after):"
  cat requirements/dev.txt requirements/app.txt | grep -E '^[a-z0-9_.-]+==' | sort -u \
    | diff "$before" - | grep -E '^[<>]' | sed 's/^</  -/; s/^>/  +/; s/ \\$//' || say "  nothing: every pin is current"
  rm -f "$before"
  say "now run: bash tools/dev.sh test   (the tests say what the new versions change)"
}

cmd=${1:-run}
shift || true
case "$cmd" in
  install)
    install_for_development ;;
  run)
    install_for_running
    if ! have_display && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      say "no display found: starting the app on a virtual screen (Xvfb)"
      exec xvfb-run -a -s "-screen 0 1400x900x24" "$VENV/bin/belgai" "$@"
    fi
    exec "$VENV/bin/belgai" "$@" ;;
  test)
    install_for_development
    export QT_QPA_PLATFORM=offscreen
    "$VENV/bin/ruff" check belgai_desktop tests benchmarks tools setup.py
    "$VENV/bin/lint-imports" --no-cache >/dev/null || "$VENV/bin/lint-imports" --no-cache  # the layers (pyproject.toml)
    "$VENV/bin/mypy" --no-error-summary  # the core's types ([tool.mypy] in pyproject.toml)
    "$VENV/bin/belgai" db check
    core_tests
    bundle
    BELGAI_BUNDLE="dist/belgai-$(version)-linux-$(uname -m).tar.gz" exec "$VENV/bin/python" -m pytest "$@" ;;
  bundle)
    install_for_development
    bundle ;;
  lock)
    lock ;;
  *)
    say "unknown command '$cmd' (use: run, test, install, bundle or lock)"; exit 2 ;;
esac
