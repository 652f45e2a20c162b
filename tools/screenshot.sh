#!/bin/sh
# Screenshots of the desktop app in English, Dutch, French and German, under a virtual
# X display: resources/screenshots/app-<lang>.png. Extra arguments go to tools/screenshot.py
# (e.g. --font-scale 2 --suffix -200 for the 200 % text check).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
exec xvfb-run -a -s "-screen 0 1600x1000x24 -dpi 96" "$PYTHON" tools/screenshot.py "$@"
