"""Painting the governance map with a QPainter, in points: the bands, the records as boxes,
the typed relations as coloured, labelled arrows, and the legend. The same drawing serves
the screen (the map view's items call :func:`paint_node` and :func:`paint_edge`), the PDF,
the SVG and the PNG.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF

from belgai_desktop.core.landscape import routes
from belgai_desktop.core.landscape.graph import KEY_RELATIONS, MapEdge, MapGraph, MapNode
from belgai_desktop.core.landscape.layout import Layout
from belgai_desktop.core.landscape.routes import Route
from belgai_desktop.core.text.labels import group_label, level_label, relation_label
from belgai_desktop.printing.sheet import FONT_FAMILY

RELATION_COLOURS: dict[str, str] = {
    "supervises": "#b03a2e", "coordinates": "#1f618d", "funds": "#1e8449",
    "implements": "#b9770e", "advises": "#7d3c98", "part_of": "#839192",
}
OTHER_COLOUR = "#4d5656"
GROUP_FILLS: dict[str, str] = {"body": "#ffffff", "strategy": "#fdf2d0", "law": "#e8e4f6",
                               "person": "#eaf2f8", "event": "#fdebd0"}
BAND_FILLS = ("#eef3f8", "#f8f9fa")
TEXT = QColor("#1b2631")
HIGHLIGHT = QColor("#f1c40f")
MIN_LABEL_PT = 7.0
ARROW = 5.0


def font(pt: float, bold: bool = False, italic: bool = False, painter: QPainter | None = None) -> QFont:
    """The map's font at ``pt`` points of the painter's coordinates (which are points): a
    device that is not at 72 dpi (the screen) gets the size that makes it so."""
    f = QFont(FONT_FAMILY)
    dpi = painter.device().logicalDpiY() if painter is not None and painter.device() is not None else 72
    f.setPointSizeF(pt * 72 / (dpi or 72))
    f.setBold(bold)
    f.setItalic(italic)
    f.setFeature(QFont.Tag("liga"), 0)  # "fi" stays two letters in the PDF text
    return f


def relation_colour(relation: str) -> QColor:
    return QColor(RELATION_COLOURS.get(relation, OTHER_COLOUR))


def label_spots(graph: MapGraph, layout: Layout) -> dict[str, float]:
    """Where along its arrow (0–1) each relation's name goes: the first of a few places that
    covers no record and no name already placed (else the middle). Sizes are estimated from
    the text length, so the same places serve the screen and the page."""
    pt = layout.metrics.font_pt
    taken = [QRectF(*b).adjusted(-1, -1, 1, 1) for b in layout.boxes.values()]
    out: dict[str, float] = {}
    for e in graph.edges:
        route = layout.routes.get(e.fact_id)
        if e.relation == "part_of" or route is None:
            continue
        w, h = len(relation_label(e.relation)) * pt * 0.5 + 3, pt * 1.25
        best, best_hits = 0.5, None
        for t in (0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8):
            x, y = routes.point_at(route, t)
            rect = QRectF(x - w / 2, y - h / 2, w, h)
            hits = sum(1 for r in taken if r.intersects(rect))
            if best_hits is None or hits < best_hits:
                best, best_hits = t, hits
            if hits == 0:
                break
        x, y = routes.point_at(route, best)
        taken.append(QRectF(x - w / 2, y - h / 2, w, h))
        out[e.fact_id] = best
    return out


def route_path(route: Route) -> QPainterPath:
    """An arrow's curve as a painter path."""
    path = QPainterPath(QPointF(route[0], route[1]))
    path.quadTo(QPointF(route[2], route[3]), QPointF(route[4], route[5]))
    return path


def paint_edge(p: QPainter, edge: MapEdge, route: Route, font_pt: float, dimmed: bool = False,
               at: float = 0.5) -> None:
    """One relation: a line in its colour, curved around the boxes in its way
    (:mod:`~belgai_desktop.core.landscape.routes`), with an arrowhead at its object, and its
    name at ``at`` along it (part of, the most common, is named by the legend only)."""
    colour = relation_colour(edge.relation)
    if dimmed:
        colour.setAlpha(45)
    pen = QPen(colour, 1.6 if edge.relation in RELATION_COLOURS and edge.relation != "part_of" else 0.9)
    if edge.relation not in KEY_RELATIONS:
        pen.setStyle(Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(route_path(route))
    if route[0:2] != route[4:6]:
        angle = routes.end_angle(route)
        tip = QPointF(route[4], route[5])
        head = QPolygonF([tip] + [QPointF(tip.x() - ARROW * math.cos(angle + d), tip.y() - ARROW * math.sin(angle + d))
                                  for d in (-0.4, 0.4)])
        p.setPen(QPen(colour, 0.6))
        p.setBrush(QBrush(colour))
        p.drawPolygon(head)
    if edge.relation != "part_of" and not dimmed:
        p.setFont(font(font_pt, italic=True, painter=p))
        text = relation_label(edge.relation)
        metrics = p.fontMetrics()
        w, h = metrics.horizontalAdvance(text) + 2, metrics.height()
        x, y = routes.point_at(route, at)
        box = QRectF(x - w / 2, y - h / 2, w, h)
        back = QColor("#ffffff")
        back.setAlpha(215)
        p.fillRect(box, back)
        p.setPen(colour)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def paint_node(p: QPainter, node: MapNode, rect: QRectF, lines: list[str], font_pt: float,
               highlighted: bool = False, dimmed: bool = False, focused: bool = False) -> None:
    """One record: a rounded box filled by kind, its title in lines."""
    fill = QColor(GROUP_FILLS.get(node.group, "#ffffff"))
    border = QColor("#34495e")
    text = QColor(TEXT)
    if dimmed:
        for c in (fill, border, text):
            c.setAlpha(70)
    p.setBrush(QBrush(fill))
    p.setPen(QPen(HIGHLIGHT if highlighted else border, 2.4 if highlighted or focused else 0.8,
                  Qt.PenStyle.DotLine if focused and not highlighted else Qt.PenStyle.SolidLine))
    p.drawRoundedRect(rect, 3, 3)
    p.setPen(text)
    p.setFont(font(font_pt, bold=node.group == "body", painter=p))
    inner = rect.adjusted(2, 1, -2, -1)
    p.drawText(inner, int(Qt.AlignmentFlag.AlignCenter), "\n".join(lines))


def paint_map(p: QPainter, graph: MapGraph, layout: Layout, highlight: set[str] | None = None) -> None:
    """The whole map at layout coordinates (points)."""
    m = layout.metrics
    for n, (band, top, bottom) in enumerate(layout.bands):
        p.fillRect(QRectF(0, top, layout.width, bottom - top), QColor(BAND_FILLS[n % 2]))
        p.setPen(TEXT)
        p.setFont(font(m.font_pt + 0.5, bold=True, painter=p))
        p.drawText(QRectF(2, top + 2, m.band_label - 6, bottom - top - 4),
                   int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                   level_label(band))
    boxes = {i: QRectF(*b) for i, b in layout.boxes.items()}
    spots = label_spots(graph, layout)
    for e in graph.edges:
        if e.fact_id not in layout.routes:
            continue
        dim = bool(highlight) and not (e.source in highlight and e.target in highlight)  # type: ignore[operator]
        paint_edge(p, e, layout.routes[e.fact_id], m.font_pt, dimmed=dim,
                   at=spots.get(e.fact_id, 0.5))
    for node in graph.nodes:
        paint_node(p, node, boxes[node.id], layout.lines[node.id], m.font_pt,
                   highlighted=bool(highlight) and node.id in highlight,  # type: ignore[operator]
                   dimmed=bool(highlight) and node.id not in highlight)  # type: ignore[operator]


def legend_items(graph: MapGraph) -> list[tuple[str, str, str]]:
    """(what, label, colour) for the legend: the relations drawn, then the kinds of boxes."""
    drawn = {e.relation for e in graph.edges}
    out = [("relation", relation_label(r), RELATION_COLOURS[r]) for r in KEY_RELATIONS if r in drawn]
    if drawn - set(KEY_RELATIONS):
        from belgai_desktop.core.i18n import gettext as _

        out.append(("other", _("other relations (named on the arrow)"), OTHER_COLOUR))
    groups = [g for g in GROUP_FILLS if any(n.group == g for n in graph.nodes)]
    out += [("group", group_label(g), GROUP_FILLS[g]) for g in groups]
    return out


def paint_legend(p: QPainter, graph: MapGraph, rect: QRectF, font_pt: float, extra: list[str]) -> float:
    """The legend in one or more rows inside ``rect``; returns the height used."""
    p.setFont(font(font_pt, painter=p))
    fm = p.fontMetrics()
    x, y, h = rect.left(), rect.top(), fm.height() + 2
    entries = legend_items(graph)
    for what, label, colour in entries:
        w = 22 + fm.horizontalAdvance(label) + 12
        if x + w > rect.right():
            x, y = rect.left(), y + h
        if what == "group":
            p.setBrush(QColor(colour))
            p.setPen(QPen(QColor("#34495e"), 0.8))
            p.drawRoundedRect(QRectF(x, y + 1, 16, h - 4), 2, 2)
        else:
            pen = QPen(QColor(colour), 1.6)
            if what == "other":
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(QPointF(x, y + h / 2), QPointF(x + 16, y + h / 2))
        p.setPen(TEXT)
        p.drawText(QRectF(x + 20, y, w, h), int(Qt.AlignmentFlag.AlignVCenter), label)
        x += w
    for text in extra:
        w = fm.horizontalAdvance(text) + 12
        if x + w > rect.right():
            x, y = rect.left(), y + h
        p.drawText(QRectF(x, y, w, h), int(Qt.AlignmentFlag.AlignVCenter), text)
        x += w
    return y + h - rect.top()
