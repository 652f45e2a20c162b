"""Screenshots of a data update in each language (run under a display: ``xvfb-run -a``).

For each language: a throw-away key, the bundled data with one budget changed packed as
version 2, installed through File → Install data update…; saves the window (with the
data-age notice and the status bar) as ``update-<lang>.png`` and the "what changed" page as
``changes-<lang>.png`` in resources/screenshots.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--langs", default="en,nl,fr,de")
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "screenshots")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="belgai-shot-updates-"))

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from belgai_desktop.core.updates import minisign
    from belgai_desktop.core.updates.package import pack
    from belgai_desktop.gui.app import start

    secret, public = minisign.write_key_pair(work / "keys")
    os.environ["BELGAI_TRUSTED_KEYS"] = str(public)
    database = work / "edited.sqlite"
    shutil.copy(ROOT / "db" / "belgai.sqlite", database)
    conn = sqlite3.connect(database)
    with conn:
        conn.execute("UPDATE budgets SET amount = 31000000 WHERE record_id = 'flemish-ai-policy-plan' "
                      "AND amount = 30000000")
    conn.close()
    package = pack(work / "belgai-data-2.belgai", secret, database, data_version=2)
    args.out.mkdir(parents=True, exist_ok=True)
    for lang in args.langs.split(","):
        os.environ["BELGAI_CONFIG_DIR"] = str(work / f"config-{lang}")
        os.environ["BELGAI_DATA_DIR"] = str(work / f"data-{lang}")
        app, window = start(lang=lang, record="flemish-ai-policy-plan")
        window.resize(1280, 800)
        done = []
        window.data_updates.finished.connect(lambda ok, _text, done=done: done.append(ok))
        window.data_updates.install(package)
        for _ in range(600):
            if done:
                break
            QTest.qWait(50)
        QTest.qWait(500)
        new = next(w for w in QApplication.topLevelWidgets() if w.isVisible() and hasattr(w, "data_updates"))
        new.resize(1280, 800)
        QTest.qWait(300)
        new.grab().save(str(args.out / f"update-{lang}.png"))
        dialog = new.data_updates.changes_dialog
        dialog.grab().save(str(args.out / f"changes-{lang}.png"))
        dialog.close()
        new.close()
        window.close()
        print(args.out / f"update-{lang}.png", args.out / f"changes-{lang}.png")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
