"""Benchmark: laying out the governance map, and opening it again from the cached layout.

    .venv/bin/python benchmarks/landscape.py [--database FILE] [--repeat N]

In a fresh cache folder, for each language: the whole map (every band, the default kinds)
built from the data and laid out from scratch (graph + grandalf layout + cache write), then
opened again (graph + cached layout), and the same with the map view's scene built
(offscreen Qt), which is what View → Governance map does. Also one timeline and one
comparison built from the data. Goals: layout ≤ 1 s, opening again ≤ 0.3 s. Record results
in BENCHMARKS.md ("## Governance map").
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["BELGAI_CACHE_DIR"] = tempfile.mkdtemp(prefix="belgai-landscape-bench-")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def ms(values: list[float]) -> str:
    median, lo, hi = (v * 1000 for v in (statistics.median(values), min(values), max(values)))
    return f"median {median:.0f} ms (min {lo:.0f}, max {hi:.0f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from belgai_desktop.core.data import vocab
    from belgai_desktop.core.landscape.compare import build_comparison
    from belgai_desktop.core.landscape.layout import CACHE_FOLDER
    from belgai_desktop.core.landscape.timeline import build_timeline, compact_layout
    from belgai_desktop.core.library import Library

    app = QApplication(["bench"])
    from belgai_desktop.gui.landscape.map_view import MapView

    library = Library(args.database)
    land = library.landscape
    cache = Path(os.environ["BELGAI_CACHE_DIR"]) / CACHE_FOLDER
    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs; "
          f"{len(library.list())} records")
    land.layout(land.graph("en"), cache=False)  # warm-up: imports grandalf, loads the names
    first, again, with_scene = [], [], []
    view = MapView()
    for lang in vocab.LANGUAGES:
        for _n in range(args.repeat):
            for f in cache.glob("layout-*.json"):
                f.unlink()
            t = time.perf_counter()
            graph = land.graph(lang)
            layout = land.layout(graph)
            first.append(time.perf_counter() - t)
            assert not layout.from_cache
            t = time.perf_counter()
            graph = land.graph(lang)
            layout = land.layout(graph)
            again.append(time.perf_counter() - t)
            assert layout.from_cache
            t = time.perf_counter()
            graph = land.graph(lang)
            layout = land.layout(graph)
            view.set_map(graph, layout, land.labels(graph))
            app.processEvents()
            with_scene.append(time.perf_counter() - t)
    nodes, edges = len(graph.nodes), len(graph.edges)
    print(f"whole map: {nodes} records, {edges} relations, {len(layout.bands)} bands")
    print(f"layout from scratch (graph + layout + cache write): {ms(first)}")
    print(f"opening again (graph + cached layout): {ms(again)}")
    print(f"opening again with the map view's scene: {ms(with_scene)}")
    everything = []
    for _n in range(args.repeat):
        t = time.perf_counter()
        whole = land.graph("en", kinds=vocab.KINDS)
        land.layout(whole, cache=False)
        everything.append(time.perf_counter() - t)
    print(f"every record of every kind ({len(whole.nodes)} records, {len(whole.edges)} relations), "
          f"laid out without cache: {ms(everything)}")
    t = time.perf_counter()
    items = build_timeline(library, "en")
    compact_layout(items, "en")
    print(f"timeline ({len(items)} dated facts) built and laid out: {(time.perf_counter() - t) * 1000:.0f} ms")
    t = time.perf_counter()
    build_comparison(library, "en")
    print(f"comparison built: {(time.perf_counter() - t) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
