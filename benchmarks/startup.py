"""Benchmark: start-up of the desktop app, typing-to-results latency, and memory.

    .venv/bin/python benchmarks/startup.py [--repeat N] [--platform offscreen|xcb] [--no-cold]

Start-up is the wall time from launching a new Python process to a shown window whose
search field has the focus and accepts typing (the first turn of the event loop after
``show()``), for the app and, in the same run, for a bare PySide6 ``QMainWindow`` with a
line edit (the floor). "Cold" drops the OS page cache first (needs root; skipped
otherwise) and uses an empty user cache; "warm" is the median of --repeat runs.

Typing latency: in one app process with the index loaded, each query is typed key by key;
the time from the last keystroke to the results on screen is measured, and the same
minus the debounce (the search itself plus delivery to the GUI thread).
RSS is read from /proc after start-up, after the searches, and after opening a record.
Goals (issue 4): ≤ 1.0 s cold, ≤ 2× the bare window, ≤ 50 ms after the debounce, ≤ 200 MB.
Record results in BENCHMARKS.md ("## Start-up and typing latency").
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ["bosa", "flemish ai plan", "ethics committee", "supercomputer", "vanessa matz", "datenschutz"]


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# -- children: each runs in a fresh process and prints one JSON line --------------------

def child_bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    field = QLineEdit()
    window.setCentralWidget(field)
    window.resize(1200, 780)
    window.show()
    field.setFocus()

    def ready() -> None:
        print(json.dumps({"ready": time.monotonic(), "rss": _rss_mb()}), flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    app.exec()


def child_app(typing: bool) -> None:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from belgai_desktop.gui.app import start

    app, window = start()
    first_turn = time.monotonic() + 2.0

    def ready() -> None:
        focused = QApplication.focusWidget() is window.search_bar.field
        if not focused and time.monotonic() < first_turn:
            QTimer.singleShot(0, ready)  # not yet accepting typing: next turn of the loop
            return
        out = {"ready": time.monotonic(), "rss": _rss_mb(), "focus": focused,
               "babel_loaded": "babel" in sys.modules, "whoosh_loaded": "whoosh" in sys.modules}
        if typing:
            out.update(measure_typing(window))
        print(json.dumps(out), flush=True)
        window.close()
        app.quit()

    QTimer.singleShot(0, ready)
    app.exec()


def measure_typing(window) -> dict[str, object]:
    from PySide6.QtTest import QTest

    from belgai_desktop.gui import live_search
    from belgai_desktop.gui.app import WARM_UP_DELAY_MS

    QTest.qWait(WARM_UP_DELAY_MS + 50)
    window.live.wait()  # the index is loaded in the background after the window shows
    field = window.search_bar.field
    arrived: list[float] = []
    window.live.results.connect(lambda _r: arrived.append(time.monotonic()))
    total, after_debounce = [], []
    per_query: dict[str, list[float]] = {q: [] for q in QUERIES}
    for _round in range(3):
        for query in QUERIES:
            field.clear()
            QTest.qWait(live_search.DEBOUNCE_MS + 20)
            arrived.clear()
            QTest.keyClicks(field, query)
            last_key = time.monotonic()
            deadline = last_key + 5
            while not arrived and time.monotonic() < deadline:
                QTest.qWait(1)
            if arrived:
                total.append((arrived[-1] - last_key) * 1000)
                after_debounce.append(total[-1] - live_search.DEBOUNCE_MS)
                per_query[query].append(after_debounce[-1])
    rss_search = _rss_mb()
    window.open_record("flemish-ai-policy-plan")
    return {"debounce_ms": live_search.DEBOUNCE_MS,
            "typing_ms_median": statistics.median(total), "typing_ms_max": max(total),
            "after_debounce_ms_median": statistics.median(after_debounce),
            "after_debounce_ms_max": max(after_debounce),
            "per_query": {q: round(statistics.median(v), 1) for q, v in per_query.items() if v},
            "rss_after_search": rss_search, "rss_after_record": _rss_mb()}


# -- parent -----------------------------------------------------------------------------

def launch(kind: str, env: dict[str, str]) -> dict[str, object]:
    started = time.monotonic()
    out = subprocess.run([sys.executable, __file__, "--child", kind], env=env, capture_output=True,
                         text=True, timeout=120)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        raise SystemExit(f"{kind} child failed ({out.returncode}): {out.stderr.strip()[-500:]}")
    data = json.loads(lines[-1])
    data["seconds"] = data["ready"] - started
    return data


def drop_caches() -> bool:
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", choices=("bare", "app", "typing"), help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM for the children")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold runs")
    args = parser.parse_args()
    if args.child == "bare":
        child_bare()
        return 0
    if args.child in ("app", "typing"):
        child_app(typing=args.child == "typing")
        return 0

    env = dict(os.environ, QT_QPA_PLATFORM=args.platform)
    env["BELGAI_CONFIG_DIR"] = tempfile.mkdtemp(prefix="belgai-bench-config-")
    print(f"python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
          f"QT_QPA_PLATFORM={args.platform}")
    if not args.no_cold:
        for kind in ("bare", "app"):
            env["BELGAI_CACHE_DIR"] = tempfile.mkdtemp(prefix="belgai-bench-cache-")
            if drop_caches():
                r = launch(kind, env)
                print(f"cold  {kind:5} {r['seconds']:.3f} s  rss {r['rss']:.0f} MB")
            else:
                print("cold runs skipped: cannot drop the page cache (not root)")
                break
    env["BELGAI_CACHE_DIR"] = tempfile.mkdtemp(prefix="belgai-bench-cache-")
    launch("typing", env)  # builds the search index once; warm runs find it on disk
    warm: dict[str, list[float]] = {"bare": [], "app": []}
    last: dict[str, dict[str, object]] = {}
    for _ in range(args.repeat):
        for kind in ("bare", "app"):
            last[kind] = launch(kind, env)
            warm[kind].append(float(last[kind]["seconds"]))
    bare, app = statistics.median(warm["bare"]), statistics.median(warm["app"])
    print(f"warm  bare  {bare:.3f} s (median of {args.repeat}; min {min(warm['bare']):.3f})  "
          f"rss {last['bare']['rss']:.0f} MB")
    print(f"warm  app   {app:.3f} s (median of {args.repeat}; min {min(warm['app']):.3f})  "
          f"rss {last['app']['rss']:.0f} MB  = {app / bare:.2f}x bare")
    print(f"      search field focused: {last['app']['focus']}; babel loaded at ready: "
          f"{last['app']['babel_loaded']}; whoosh loaded at ready: {last['app']['whoosh_loaded']}")
    t = launch("typing", env)
    print(f"typing to results: median {t['typing_ms_median']:.1f} ms, max {t['typing_ms_max']:.1f} ms "
          f"(debounce {t['debounce_ms']} ms included); after the debounce: median "
          f"{t['after_debounce_ms_median']:.1f} ms, max {t['after_debounce_ms_max']:.1f} ms "
          f"({len(QUERIES)} queries x 3)")
    print("      after the debounce, median per query (ms): "
          + ", ".join(f"{q!r} {ms}" for q, ms in t["per_query"].items()))
    print(f"rss: {t['rss']:.0f} MB at start-up, {t['rss_after_search']:.0f} MB after searching, "
          f"{t['rss_after_record']:.0f} MB after opening a record")
    return 0


if __name__ == "__main__":
    sys.exit(main())
