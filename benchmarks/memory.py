"""Memory: the desktop app after a typical search session, and a long session of API searches.

    .venv/bin/python benchmarks/memory.py --gui [--platform offscreen]
    .venv/bin/python benchmarks/memory.py [--searches 10000] [--seed 7] [--db db/belgai.sqlite]

``--gui`` starts the app in a new process (empty user cache and settings, the index built
once in a first run so the measured run opens it as a user's second start does), lets it
open the index and build the typo table in the background as it does after its first
frame, types a session of queries key by key in the search field (names, everyday words in
four languages, and misspelt words, so the typo table is used), waits for each result, then
opens a record. It prints the GUI process's resident set size (RSS, from /proc; Linux only)
at each step.

Without ``--gui``:
opens the bundled database and its searcher (index in a fresh temporary cache), runs 100
searches to warm up, then ``--searches`` more: words of the records in every language,
typed keystroke by keystroke, with one letter in five replaced by a random one and one
query in ten made of invented words, so every word cache sees new keys all the time.
Prints the resident set size (RSS, from /proc/self/status; Linux only) after the warm-up
and every 10 % of the run. A flat line means every in-process cache is bounded.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from belgai_desktop.core.data import vocab
from belgai_desktop.core.library import Library
from belgai_desktop.core.search.searcher import Searcher

LETTERS = "abcdefghijklmnopqrstuvwxyzéèàüö"
# A typical session: names, everyday words in four languages, and misspelt words (ASCII:
# QTest.keyClicks types ASCII only; the search folds accents anyway).
SESSION = ["bosa", "flemish ai plan", "ethics committee", "supercomputer", "vanessa matz", "datenschutz",
           "gegevensbescherming", "autorite de protection des donnees", "KI-Verordnung", "toezicht",
           "supervisory autority", "artifical intelligence", "Vlaams beleidsplan", "Digitaal Vlaanderen",
           "regulateur", "AI4Belgium", "cybersecurity", "Mathieu Michel"]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def queries(library: Library, rng: random.Random):
    words = sorted({w for doc in library.index_documents()
                    for texts in doc["summaries"].values() for w in re.findall(r"\w{3,}", texts)})
    while True:
        if rng.random() < 0.1:
            text = " ".join("".join(rng.choice(LETTERS) for _ in range(rng.randint(4, 12)))
                            for _ in range(rng.randint(1, 3)))
        else:
            picked = [rng.choice(words) for _ in range(rng.randint(1, 3))]
            text = " ".join("".join(c if rng.random() > 0.2 else rng.choice(LETTERS) for c in w)
                            for w in picked)
        for end in range(1, len(text) + 1):  # every keystroke
            yield text[:end]


def gui_child() -> None:
    """Runs in the app's own process: prints one JSON line of RSS figures."""
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    from belgai_desktop.gui import live_search
    from belgai_desktop.gui.app import WARM_UP_DELAY_MS, start

    app, window = start()
    out: dict[str, float] = {}

    def session() -> None:
        out["ready"] = rss_mb()
        QTest.qWait(WARM_UP_DELAY_MS + 50)
        window.live.wait()  # the index opened and the typo table built, in the background
        out["index_open"] = rss_mb()
        field = window.search_bar.field
        arrived: list[object] = []
        window.live.results.connect(arrived.append)
        for query in SESSION:
            field.clear()
            QTest.qWait(live_search.DEBOUNCE_MS + 20)
            arrived.clear()
            QTest.keyClicks(field, query)
            for _ in range(5000):
                if arrived:
                    break
                QTest.qWait(1)
        out["after_search"] = rss_mb()
        window.open_record("flemish-ai-policy-plan")
        QTest.qWait(50)
        out["after_record"] = rss_mb()
        print(json.dumps(out), flush=True)
        window.close()
        app.quit()

    QTimer.singleShot(0, session)
    app.exec()


def gui(platform_name: str) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM=platform_name,
               BELGAI_CONFIG_DIR=tempfile.mkdtemp(prefix="belgai-mem-config-"),
               BELGAI_CACHE_DIR=tempfile.mkdtemp(prefix="belgai-mem-cache-"))
    figures: dict[str, float] = {}
    for _run in ("build the index", "measure"):
        done = subprocess.run([sys.executable, __file__, "--gui-child"], env=env, capture_output=True,
                              text=True, timeout=300)
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode != 0 or not lines:
            raise SystemExit(f"the app failed ({done.returncode}): {done.stderr.strip()[-500:]}")
        figures = json.loads(lines[-1])
    print(f"python {platform.python_version()}, {os.cpu_count()} cores, QT_QPA_PLATFORM={platform_name}, "
          f"{len(SESSION)} queries typed key by key")
    print(f"GUI RSS: {figures['ready']:.1f} MB at start-up, {figures['index_open']:.1f} MB with the index "
          f"open and the typo table built, {figures['after_search']:.1f} MB after searching, "
          f"{figures['after_record']:.1f} MB after opening a record")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--searches", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--gui", action="store_true", help="measure the desktop app after a search session")
    ap.add_argument("--gui-child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM for --gui")
    args = ap.parse_args()
    if args.gui_child:
        gui_child()
        return
    if args.gui:
        gui(args.platform)
        return
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as cache:
        library = Library(args.db)
        searcher = Searcher(library, index_dir=Path(cache) / "index")
        stream = queries(library, rng)
        langs = vocab.LANGUAGES
        for i in range(100):
            searcher.search(next(stream), lang=langs[i % len(langs)])
        start = rss_mb()
        print(f"python {platform.python_version()}, {os.cpu_count()} cores, pid {os.getpid()}")
        print(f"after warm-up: {start:.1f} MB")
        step = max(1, args.searches // 10)
        for i in range(1, args.searches + 1):
            searcher.search(next(stream), lang=langs[i % len(langs)])
            if i % step == 0:
                print(f"after {i:>6} searches: {rss_mb():.1f} MB")
        end = rss_mb()
        print(f"growth: {end - start:+.1f} MB over {args.searches} searches")


if __name__ == "__main__":
    main()
