"""Where every arrow of the governance map runs: from the border of one box to the border of
another, straight when nothing is in the way, else bent around the boxes between them.

An arrow is a quadratic curve (start, control point, end). Its control point is the middle of
the line between the two boxes' centres, moved sideways by one of a few bends; the first bend
whose curve passes behind the fewest other boxes wins, the straightest among equals. An arrow
along a row of boxes thus arcs through the gap above or below the row instead of running
behind the boxes it passes, where a reader could not tell which box it ends at. Several
relations between the same two records fan out side by side. Plain Python (points are
``(x, y)`` tuples, boxes ``(x, y, w, h)``), computed with the layout and cached with it: a
change here bumps :data:`~belgai_desktop.core.landscape.layout.LAYOUT_VERSION`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from belgai_desktop.core.landscape.graph import MapEdge

Point = tuple[float, float]
Box = tuple[float, float, float, float]
Route = tuple[float, float, float, float, float, float]  # start x, y, control x, y, end x, y

BEND_STEP = 16.0  # points: the control point's sideways steps (the curve's apex moves half as far)
BENDS = (1.0, -1.0, 2.0, -2.0, 3.0, -3.0, 4.5, -4.5)
LONG_BENDS = (0.2, -0.2, 0.35, -0.35, 0.5, -0.5)  # a long arrow's bends, as parts of its length
PARALLEL = 9.0  # points between the control points of relations joining the same two records
SEGMENTS = 10  # a curve is tested for crossings as this many straight pieces


def clip(box: Box, towards: Point) -> Point:
    """Where the line from the centre of ``box`` to ``towards`` leaves the box."""
    x, y, w, h = box
    cx, cy = x + w / 2, y + h / 2
    dx, dy = towards[0] - cx, towards[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    sx = (w / 2) / abs(dx) if dx else math.inf
    sy = (h / 2) / abs(dy) if dy else math.inf
    s = min(sx, sy)
    return cx + dx * s, cy + dy * s


def point_at(route: Route, t: float) -> Point:
    """The point ``t`` (0–1) along the curve."""
    sx, sy, cx, cy, ex, ey = route
    u = 1.0 - t
    return (u * u * sx + 2 * u * t * cx + t * t * ex, u * u * sy + 2 * u * t * cy + t * t * ey)


def end_angle(route: Route) -> float:
    """The direction the curve arrives in at its end (radians), for the arrowhead."""
    sx, sy, cx, cy, ex, ey = route
    if (cx, cy) == (ex, ey):
        cx, cy = sx, sy
    return math.atan2(ey - cy, ex - cx)


def bounds(route: Route) -> Box:
    """A box holding the whole curve (its control point included)."""
    xs, ys = route[0::2], route[1::2]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def _route(a: Box, b: Box, bend: float) -> Route:
    ca = (a[0] + a[2] / 2, a[1] + a[3] / 2)
    cb = (b[0] + b[2] / 2, b[1] + b[3] / 2)
    dx, dy = cb[0] - ca[0], cb[1] - ca[1]
    length = math.hypot(dx, dy)
    mx, my = (ca[0] + cb[0]) / 2, (ca[1] + cb[1]) / 2
    if length == 0:
        return (*ca, *ca, *cb)
    control = (mx - dy / length * bend, my + dx / length * bend)
    start, end = clip(a, control), clip(b, control)
    if bend == 0:
        control = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    return (*start, *control, *end)


def _segment_hits(p: Point, q: Point, box: Box) -> bool:
    """Whether the segment p–q passes through ``box`` (Liang–Barsky clipping)."""
    x, y, w, h = box
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for edge_p, edge_q in ((-dx, p[0] - x), (dx, x + w - p[0]), (-dy, p[1] - y), (dy, y + h - p[1])):
        if edge_p == 0:
            if edge_q < 0:
                return False
            continue
        r = edge_q / edge_p
        if edge_p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 > t1:
            return False
    return True


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def crossings(route: Route, boxes: Iterable[Box]) -> int:
    """How many of ``boxes`` the curve passes behind."""
    points = [point_at(route, k / SEGMENTS) for k in range(SEGMENTS + 1)]
    area = bounds(route)
    count = 0
    for box in boxes:
        if _overlaps(area, box) and any(_segment_hits(points[k], points[k + 1], box) for k in range(SEGMENTS)):
            count += 1
    return count


def _reversed(route: Route) -> Route:
    return (*route[4:6], *route[2:4], *route[0:2])


def _inside(route: Route, area: Box) -> bool:
    x, y, w, h = area
    return all(x <= px <= x + w and y <= py <= y + h
               for px, py in (point_at(route, k / SEGMENTS) for k in range(SEGMENTS + 1)))


def route_edges(edges: Iterable[MapEdge], boxes: Mapping[str, Box], area: Box | None = None) -> dict[str, Route]:
    """Each relation's curve, keyed by its fact id; a bent curve stays inside ``area`` (the
    map's extent: it never runs over the title or off the page)."""
    pairs: dict[tuple[str, str], list[MapEdge]] = {}
    for e in edges:
        if e.source in boxes and e.target in boxes and e.source != e.target:
            pairs.setdefault((min(e.source, e.target), max(e.source, e.target)), []).append(e)
    out: dict[str, Route] = {}
    for (a, b), group in pairs.items():
        others = [box for i, box in boxes.items() if i not in (a, b)]
        best: tuple[int, float] | None = None
        (ax, ay, aw, ah), (bx, by, bw, bh) = boxes[a], boxes[b]
        length = math.hypot(bx + bw / 2 - ax - aw / 2, by + bh / 2 - ay - ah / 2)
        for bend in (0.0, *(s * BEND_STEP for s in BENDS), *(f * length for f in LONG_BENDS)):
            route = _route(boxes[a], boxes[b], bend)
            if bend and area is not None and not _inside(route, area):
                continue
            hits = crossings(route, others)
            if best is None or hits < best[0]:
                best = (hits, bend)
            if hits == 0:
                break
        assert best is not None
        for k, e in enumerate(group):
            route = _route(boxes[a], boxes[b], best[1] + (k - (len(group) - 1) / 2) * PARALLEL)
            out[e.fact_id] = route if e.source == a else _reversed(route)
    return out
