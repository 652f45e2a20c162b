"""Where every node of the governance map goes: one horizontal band per level, and inside a
band a layered (Sugiyama) layout of its records computed by ``grandalf`` (pure Python), its
layers wrapped into rows no wider than the page.

Coordinates are in points (1/72 inch) at the size the map is printed: a label box is
:attr:`Metrics.box_width` wide, its text set at :attr:`Metrics.font_pt`. The layout is
cached in the user's cache folder, keyed on the data's content hash and on everything the
layout depends on, and written atomically; a damaged or stale cache file is ignored.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from belgai_desktop.core.landscape.graph import MapGraph, MapNode
from belgai_desktop.core.landscape.routes import Route, route_edges

LAYOUT_VERSION = 3  # bump when the algorithm changes: old cache files are then ignored
CACHE_FOLDER = "landscape"
CACHE_KEEP = 40  # layouts kept in the cache folder (every language × filter makes one)
# The relations that set the layers inside a band: the organisational tree and who oversees
# whom. The others are drawn as arrows without deepening the band (a band as deep as its
# longest chain of "implements … funds … manages" would not fit a page).
LAYER_RELATIONS = frozenset({"part_of", "supervises", "coordinates", "advises"})
# Relations whose object is the higher one (drawn above): the parent.
UPWARD = frozenset({"part_of"})


@dataclass(frozen=True)
class Metrics:
    """Sizes in points: the box of a label, the gaps, the width available for the map."""

    width: float = 1130.0  # A3 landscape less the margins
    band_label: float = 74.0  # the column naming the band, left of its nodes
    box_width: float = 100.0
    font_pt: float = 7.0
    chars_per_line: int = 24  # what fits in box_width at font_pt (DejaVu Sans Condensed)
    line_height: float = 8.6
    padding: float = 3.0
    gap_x: float = 10.0
    gap_y: float = 12.0
    band_gap: float = 6.0


@dataclass
class Layout:
    """The boxes of the nodes (x, y, w, h), the extent of each band (level, top, bottom) and
    the course of each relation's arrow (:mod:`routes`, by fact id)."""

    boxes: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    routes: dict[str, Route] = field(default_factory=dict)
    lines: dict[str, list[str]] = field(default_factory=dict)
    bands: list[tuple[str, float, float]] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    metrics: Metrics = field(default_factory=Metrics)
    from_cache: bool = False


def wrap(text: str, chars: int, max_lines: int = 5) -> list[str]:
    """``text`` in lines of at most ``chars`` characters, broken at spaces (a longer word on
    a line of its own); the layout sizes boxes with it, the painters draw these lines."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines - 1] + [" ".join(lines[max_lines - 1:])]
    return lines or [""]


def _layers(nodes: list[MapNode], edges: list[tuple[str, str]]) -> list[list[list[str]]]:
    """Connected components of one band, each as layers (top first) of ids in layer order."""
    from grandalf.graphs import Edge, Graph, Vertex
    from grandalf.layouts import SugiyamaLayout

    class _View:
        w, h, xy = 100.0, 30.0, (0.0, 0.0)

    vertices = {n.id: Vertex(n.id) for n in nodes}
    graph = Graph(list(vertices.values()), [Edge(vertices[a], vertices[b]) for a, b in edges])
    out: list[list[list[str]]] = []
    for comp in graph.C:
        if len(comp.sV) == 1:
            out.append([[v.data for v in comp.sV]])
            continue
        for v in comp.sV:
            v.view = _View()
        sug = SugiyamaLayout(comp)
        sug.init_all()
        sug.draw(3)
        by_rank: dict[int, list[Vertex]] = {}
        for v in comp.sV:
            by_rank.setdefault(sug.grx[v].rank, []).append(v)
        out.append([[v.data for v in sorted(by_rank[r], key=lambda v: (v.view.xy[0], v.data))]
                    for r in sorted(by_rank)])
    order = {n.id: i for i, n in enumerate(nodes)}
    # Biggest families first; lone records after them in title order.
    out.sort(key=lambda c: (-sum(map(len, c)), min(order[i] for layer in c for i in layer)))
    return out


def compute_layout(graph: MapGraph, labels: dict[str, str], metrics: Metrics | None = None) -> Layout:
    """Lay out ``graph``; ``labels`` are the texts drawn in the boxes (title and marks)."""
    m = metrics or Metrics()
    result = Layout(metrics=m)
    area_x = m.band_label
    area_w = max(m.box_width, m.width - m.band_label)
    per_row = max(1, int((area_w + m.gap_x) // (m.box_width + m.gap_x)))
    step = m.box_width + m.gap_x
    for n in graph.nodes:
        result.lines[n.id] = wrap(labels.get(n.id, n.title), m.chars_per_line)

    def box_h(i: str) -> float:
        return len(result.lines[i]) * m.line_height + 2 * m.padding

    y = 0.0
    for band in graph.bands():
        members = [n for n in graph.nodes if n.level == band]
        ids = {n.id for n in members}
        edges = [(e.target, e.source) if e.relation in UPWARD else (e.source, e.target)
                 for e in graph.edges if e.source in ids and e.target in ids and e.relation in LAYER_RELATIONS]
        top = y
        # Skyline packing on a grid of per_row columns: each component is a block of rows,
        # placed where it sits highest; lone records fill the gaps beside families.
        skyline = [y] * per_row
        for comp in _layers(members, edges):
            rows = [layer[k:k + per_row] for layer in comp for k in range(0, len(layer), per_row)]
            cols = max(len(r) for r in rows)
            heights = [max(box_h(i) for i in r) for r in rows]
            block_h = sum(heights) + m.gap_y * len(rows)
            start = min(range(per_row - cols + 1), key=lambda c: (max(skyline[c:c + cols]), c))
            ry = max(skyline[start:start + cols])
            for row, h in zip(rows, heights, strict=True):
                rx = area_x + start * step + (cols - len(row)) * step / 2
                for i in row:
                    result.boxes[i] = (rx, ry, m.box_width, box_h(i))
                    rx += step
                ry += h + m.gap_y
            for c in range(start, start + cols):
                skyline[c] = ry
            del block_h
        y = max(skyline) - m.gap_y
        result.bands.append((band, top - m.band_gap / 2, y + m.band_gap / 2))
        y += m.band_gap * 2
    result.width = m.width
    result.height = max(0.0, y - m.band_gap * 1.5)
    result.routes = route_edges(graph.edges, result.boxes, (0.0, 0.0, result.width, result.height))
    return result


# -- the cache ----------------------------------------------------------------------------------

def cache_key(content_hash: str, graph: MapGraph, labels: dict[str, str], metrics: Metrics) -> str:
    text = json.dumps([LAYOUT_VERSION, content_hash, graph.lang, graph.key(),
                       sorted(labels.items()), asdict(metrics)], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _from_json(data: dict, metrics: Metrics) -> Layout:
    return Layout(boxes={k: tuple(v) for k, v in data["boxes"].items()},
                  routes={k: tuple(v) for k, v in data["routes"].items()},
                  lines={k: list(v) for k, v in data["lines"].items()},
                  bands=[tuple(b) for b in data["bands"]],
                  width=float(data["width"]), height=float(data["height"]), metrics=metrics,
                  from_cache=True)


def cached_layout(folder: Path | None, content_hash: str, graph: MapGraph, labels: dict[str, str],
                  metrics: Metrics | None = None) -> Layout:
    """The layout of ``graph`` from ``folder`` when it is there for this data and these labels,
    else computed and stored there (atomically). ``folder`` None: no cache."""
    m = metrics or Metrics()
    if folder is None:
        return compute_layout(graph, labels, m)
    path = folder / CACHE_FOLDER / f"layout-{cache_key(content_hash, graph, labels, m)}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        layout = _from_json(data, m)
        if set(layout.boxes) == {n.id for n in graph.nodes} and set(layout.routes) >= {
                e.fact_id for e in graph.edges if e.source != e.target}:
            return layout
    except (OSError, ValueError, KeyError, TypeError):
        pass  # none yet, or damaged: compute it again
    layout = compute_layout(graph, labels, m)
    _store(path, layout)
    return layout


def _store(path: Path, layout: Layout) -> None:
    """Write the cache file through a temporary file; a cache that cannot be written is no error."""
    data = {"boxes": layout.boxes, "routes": layout.routes, "lines": layout.lines, "bands": layout.bands,
            "width": layout.width, "height": layout.height}
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".layout-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        os.replace(tmp, path)
        tmp = None
        old = sorted(path.parent.glob("layout-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[CACHE_KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def scale_to_fit(layout: Layout, width: float, height: float) -> float:
    """The scale that fits ``layout`` into ``width`` × ``height`` (never above 1: the map is
    laid out at print size)."""
    if layout.width <= 0 or layout.height <= 0:
        return 1.0
    return min(1.0, width / layout.width, height / layout.height) if math.isfinite(width) else 1.0
