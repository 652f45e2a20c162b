"""Painting the timeline with a QPainter, in points: one lane per level, the years, and each
dated fact as a box at its date; a disputed date as a red range from the earliest to the
latest value, its box marked ⚠ and listing every value with its sources. The screen's
timeline items call :func:`paint_item`.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF

from belgai_desktop.core.landscape.timeline import TimelineItem, TimelineLayout
from belgai_desktop.core.text.labels import level_label
from belgai_desktop.core.text.phrases import DISPUTED_SIGN as DISPUTED_MARK
from belgai_desktop.printing.landscape_map import BAND_FILLS, TEXT, font

DISPUTE_COLOUR = QColor("#b03a2e")
DISPUTE_FILL = QColor("#fdedec")
FONT_PT = 7.0


def paint_item(p: QPainter, item: TimelineItem, rect: QRectF, lines: list[str], layout: TimelineLayout,
               focused: bool = False) -> None:
    """One dated fact: its box, the tick at its date, and for a disputed date the range."""
    disputed = item.disputed
    p.setBrush(QBrush(DISPUTE_FILL if disputed else QColor("#ffffff")))
    p.setPen(QPen(DISPUTE_COLOUR if disputed else QColor("#34495e"), 2.0 if focused else 0.7))
    p.drawRoundedRect(rect, 2, 2)
    x = layout.x(item.start)
    if rect.left() <= x <= rect.right():  # else paint_leaders drew it, under the boxes
        _tick(p, x, rect.top(), disputed)
    if disputed:
        x2 = layout.x(item.end)
        p.setPen(QPen(DISPUTE_COLOUR, 1.6))
        p.drawLine(QPointF(x, rect.top() + 1), QPointF(x2, rect.top() + 1))
        for end in (x, x2):
            p.drawLine(QPointF(end, rect.top() - 2), QPointF(end, rect.top() + 4))
    p.setPen(TEXT)
    p.setFont(font(FONT_PT, painter=p))
    text = "\n".join(lines)
    if disputed:
        text = f"{DISPUTED_MARK} {text}"
    p.drawText(rect.adjusted(2, 1, -2, -1), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)


def _tick(p: QPainter, x: float, top: float, disputed: bool) -> None:
    """▼ above the box's top edge (the gap between boxes), its point on the date."""
    p.setBrush(QBrush(DISPUTE_COLOUR if disputed else QColor("#1f618d")))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawPolygon(QPolygonF([QPointF(x - 2.5, top - 3.2), QPointF(x + 2.5, top - 3.2), QPointF(x, top + 0.3)]))


def paint_leaders(p: QPainter, items: list[TimelineItem], layout: TimelineLayout) -> None:
    """For a box moved off its date to make room: a thin line along its top edge out to the
    date, and the date's tick there. Painted before the boxes, so a box covers what crosses it."""
    for item, box in zip(items, layout.boxes, strict=True):
        rect = QRectF(*box)
        x = layout.x(item.start)
        if rect.left() <= x <= rect.right():
            continue
        p.setPen(QPen(DISPUTE_COLOUR if item.disputed else QColor("#1f618d"), 0.6))
        p.drawLine(QPointF(x, rect.top()), QPointF(rect.right() if x > rect.right() else rect.left(), rect.top()))
        _tick(p, x, rect.top(), item.disputed)


def paint_axis(p: QPainter, layout: TimelineLayout) -> None:
    """Lanes with their level, and a line and label for each year."""
    m = layout.metrics
    for n, (level, top, bottom) in enumerate(layout.lanes):
        p.fillRect(QRectF(0, top, layout.width, bottom - top), QColor(BAND_FILLS[n % 2]))
        p.setPen(TEXT)
        p.setFont(font(FONT_PT + 1, bold=True, painter=p))
        p.drawText(QRectF(2, top + 2, m.lane_label - 4, bottom - top - 4),
                   int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                   level_label(level))
    p.setFont(font(FONT_PT + 0.5, bold=True, painter=p))
    for year in range(layout.first_year, layout.last_year + 2):
        x = layout.x(year)
        p.setPen(QPen(QColor("#aab7b8"), 0.6, Qt.PenStyle.DotLine))
        p.drawLine(QPointF(x, m.axis_height - 2), QPointF(x, layout.height))
        if year <= layout.last_year:
            p.setPen(TEXT)
            p.drawText(QRectF(x, 0, layout.x(year + 1) - x, m.axis_height - 2),
                       int(Qt.AlignmentFlag.AlignCenter), str(year))


def paint_timeline(p: QPainter, items: list[TimelineItem], layout: TimelineLayout) -> None:
    paint_axis(p, layout)
    paint_leaders(p, items, layout)
    for item, box, lines in zip(items, layout.boxes, layout.lines, strict=True):
        paint_item(p, item, QRectF(*box), lines, layout)


def legend_text() -> list[str]:
    from belgai_desktop.core.i18n import gettext as _

    return [_("\u25bc the date of a fact"),
            _("{sign} red range: the sources disagree on the date; every value is listed with its "
              "sources").format(sign=DISPUTED_MARK),
            _("[n]: source document n (listed below)")]

