"""The tabs of the landscape window besides the map: the timeline (a graphics view whose
boxes open their record) and the regions side by side (a table whose names are links).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QTextBrowser,
    QWidget,
)

from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.landscape.timeline import TimelineItem, TimelineLayout
from belgai_desktop.core.library import Library
from belgai_desktop.core.text import phrases
from belgai_desktop.core.text.labels import level_label
from belgai_desktop.printing.landscape_timeline import paint_axis, paint_item, paint_leaders

SCREEN_LINE_HEIGHT = 8.8  # the screen draws 7 pt a little taller than paper does: no last line cut


class _Axis(QGraphicsItem):
    """The lanes, the years and the leader lines of boxes moved off their date (under the boxes)."""

    def __init__(self, layout: TimelineLayout, items: list[TimelineItem]) -> None:
        super().__init__()
        self.layout_, self.items = layout, items

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.layout_.width, self.layout_.height)

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        paint_axis(p, self.layout_)
        paint_leaders(p, self.items, self.layout_)


class _Fact(QGraphicsItem):
    def __init__(self, view: TimelineView, item: TimelineItem, rect: QRectF, lines: list[str],
                 layout: TimelineLayout) -> None:
        super().__init__()
        self.view, self.item, self.rect, self.lines, self.layout_ = view, item, rect, lines, layout
        lang = view.lang
        tips = [f"{item.title} \u00b7 {level_label(item.level)}"]
        for v in item.values:
            tips.append(f"{item.dates_text(lang) if len(item.values) == 1 else v.date}: "
                        f"{phrases.citations_text(list(v.citations), lang)}")
        self.setToolTip("\n".join(tips))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(1)

    def boundingRect(self) -> QRectF:
        # The box, and the date's tick, range and leader line, which may reach beyond it.
        x0, x1 = self.layout_.x(self.item.start), self.layout_.x(self.item.end)
        left, right = min(x0, self.rect.left()), max(x1, self.rect.right())
        return self.rect.united(QRectF(left, self.rect.top() - 3, right - left, 6)).adjusted(-4, -4, 4, 4)

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        paint_item(p, self.item, self.rect, self.lines, self.layout_, focused=self.item is self.view.current)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.view.current = self.item
        self.view.viewport().update()
        self.view.record_requested.emit(self.item.record_id)
        event.accept()


class _BuiltWhenShown:
    """For a tab built from the data in the chosen language: built when first shown (opening
    the map stays instant) and again after a language change, at once if it is on screen."""

    lang: str
    built: str | None

    def accessible_name(self) -> str:
        raise NotImplementedError

    def build(self) -> None:
        raise NotImplementedError

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.setAccessibleName(self.accessible_name())  # type: ignore[attr-defined]
        self.built = None
        if self.isVisible():  # type: ignore[attr-defined]
            self.build()

    def showEvent(self, event: QShowEvent) -> None:
        if self.built != self.lang:
            self.build()
        super().showEvent(event)  # type: ignore[misc]


class TimelineView(_BuiltWhenShown, QGraphicsView):
    """Every dated fact on a time axis; clicking a fact opens its record."""

    record_requested = Signal(str)

    def __init__(self, library: Library, lang: str) -> None:
        super().__init__()
        self.library, self.lang = library, lang
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setBackgroundBrush(QColor("#ffffff"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.items_: list[_Fact] = []
        self.current: TimelineItem | None = None
        self.built: str | None = None
        self.scale(1.3, 1.3)

    def _step(self, forward: bool) -> bool:
        """To the next (previous) fact in date order; False past either end."""
        facts = [f.item for f in self.items_]
        if not facts:
            return False
        if self.current in facts:
            k = facts.index(self.current) + (1 if forward else -1)
            if not 0 <= k < len(facts):
                return False
        else:
            k = 0 if forward else len(facts) - 1
        self.current = facts[k]
        self.ensureVisible(self.items_[k], 30, 30)
        self.viewport().update()
        return True

    def focusNextPrevChild(self, next: bool) -> bool:
        if self._step(next):
            return True
        self.current = None
        self.viewport().update()
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self._step(True)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self._step(False)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current is not None:
            self.record_requested.emit(self.current.record_id)
        else:
            super().keyPressEvent(event)

    def accessible_name(self) -> str:
        return _("Timeline")

    def build(self) -> None:
        from belgai_desktop.core.landscape.timeline import build_timeline, compact_layout
        from belgai_desktop.printing.landscape_tables import source_numbers

        lang = self.built = self.lang
        items = build_timeline(self.library, lang)
        layout = compact_layout(items, lang, numbers=source_numbers(self.library.sources()),
                                line_height=SCREEN_LINE_HEIGHT)
        scene = self.scene()
        scene.clear()
        scene.addItem(_Axis(layout, items))
        self.items_ = []
        for item, box, lines in zip(items, layout.boxes, layout.lines, strict=True):
            fact = _Fact(self, item, QRectF(*box), lines, layout)
            scene.addItem(fact)
            self.items_.append(fact)
        scene.setSceneRect(QRectF(0, 0, layout.width, layout.height))


class ComparisonView(_BuiltWhenShown, QTextBrowser):
    """The regions side by side; a record's name opens it, a source number shows its citation."""

    record_requested = Signal(str)

    def __init__(self, library: Library, lang: str) -> None:
        super().__init__()
        self.library, self.lang = library, lang
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.built: str | None = None

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == "record":
            self.record_requested.emit(url.path())

    def accessible_name(self) -> str:
        return _("Regions side by side")

    def build(self) -> None:
        from belgai_desktop.core.landscape.compare import build_comparison
        from belgai_desktop.printing.landscape_tables import comparison_html

        lang = self.built = self.lang
        self.comparison = build_comparison(self.library, lang)
        self.setHtml(comparison_html(self.comparison, self.library.sources(), 9.0, links=True))


def panels(library: Library, lang: str) -> list[tuple[str, Any]]:
    """(name, panel) for each extra tab; each panel has ``record_requested`` and ``retranslate``."""
    timeline, comparison = TimelineView(library, lang), ComparisonView(library, lang)
    return [("timeline", timeline), ("compare", comparison)]
