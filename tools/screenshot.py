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
    parser.add_argument("--views", action="store_true",
                        help="also the start page, a record page, the Government view and a filtered search "
                             "(home-, record-, government-, filtered-search-<lang>.png at --size)")
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
        if args.views:
            shoot_views(window, lang, args.out, width, height)
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


def shoot_views(window, lang: str, out: Path, width: int, height: int) -> None:
    """The issue's four views, in this language, on the data as shipped."""
    from PySide6.QtTest import QTest

    window.resize(width, height)
    QTest.qWait(400)
    window.grab().save(str(out / f"home-{lang}.png"))
    window.open_record("flemish-ai-policy-plan")
    QTest.qWait(400)
    window.grab().save(str(out / f"record-{lang}.png"))
    window.open_record("fps-bosa")
    window._show_tab(2)
    QTest.qWait(400)
    window.grab().save(str(out / f"government-{lang}.png"))
    window._show_tab(0)
    bar = window.search_bar
    bar.level.setCurrentIndex(bar.level.findData("walloon"))
    bar.field.clear()
    QTest.keyClicks(bar.field, "BOSA")
    QTest.qWait(300)
    window.live.wait()
    QTest.qWait(300)
    window.grab().save(str(out / f"filtered-search-{lang}.png"))
    bar.level.setCurrentIndex(0)
    bar.field.clear()
    for name in ("home", "record", "government", "filtered-search"):
        print(out / f"{name}-{lang}.png")


if __name__ == "__main__":
    sys.exit(main())
