"""Screenshots of the desktop app in each language (run through tools/screenshot.sh).

For each interface language: start the app with fresh settings, type a search, open a
record with Enter, and save ``resources/screenshots/app-<lang>.png``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--query", default="flemish ai plan")
    parser.add_argument("--record", default="flemish-ai-policy-plan", help="record to open if the search misses")
    parser.add_argument("--langs", default="en,nl,fr,de")
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "screenshots")
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--font-scale", type=float, default=1.0, help="2.0 checks the layout at 200 %% text")
    parser.add_argument("--suffix", default="")
    args = parser.parse_args()
    os.environ["BELGAI_CONFIG_DIR"] = tempfile.mkdtemp(prefix="belgai-shot-")

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from belgai_desktop.gui.app import start

    args.out.mkdir(parents=True, exist_ok=True)
    width, height = (int(v) for v in args.size.split("x"))
    for lang in args.langs.split(","):
        app, window = start(lang=lang)
        if args.font_scale != 1.0:
            font = QApplication.font()
            font.setPointSizeF(font.pointSizeF() * args.font_scale)
            QApplication.setFont(font)
        window.resize(width, height)
        QTest.qWait(300)
        window.live.wait()
        field = window.search_bar.field
        field.clear()
        QTest.keyClicks(field, args.query)
        QTest.qWait(150)
        window.live.wait()
        QTest.qWait(150)
        QTest.keyClick(field, Qt.Key.Key_Return)
        QTest.qWait(150)
        if window.current_record != args.record:
            print(f"{lang}: search opened {window.current_record}; opening {args.record}", file=sys.stderr)
            window.open_record(args.record)
        QTest.qWait(300)
        target = args.out / f"app-{lang}{args.suffix}.png"
        window.grab().save(str(target))
        print(target)
        window.close()
        window.deleteLater()
        QTest.qWait(50)
        del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
