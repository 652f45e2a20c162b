"""The governance map on screen: a ``QGraphicsView`` of the records in their bands and the
typed relations between them, drawn by the same painters as the printed map.

Ctrl+wheel and Ctrl++/Ctrl+− zoom, dragging or the scroll bars pan; the arrow keys move to
the nearest record in that direction and Tab to the next one; click or Enter opens the record
(``record_requested``) and highlights its direct relations; hovering shows the full name.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from belgai_desktop.core.landscape import routes
from belgai_desktop.core.landscape.graph import MapEdge, MapGraph, MapNode
from belgai_desktop.core.landscape.layout import Layout
from belgai_desktop.core.landscape.routes import Route
from belgai_desktop.core.text.labels import kind_label, level_label, relation_label
from belgai_desktop.printing.landscape_map import (
    BAND_FILLS,
    TEXT,
    font,
    label_spots,
    paint_edge,
    paint_node,
)

ZOOM_STEP = 1.2
ZOOM_MIN, ZOOM_MAX = 0.2, 8.0


class NodeItem(QGraphicsItem):
    """One record: its box, with the full name, kind and level as tooltip."""

    def __init__(self, view: MapView, node: MapNode, rect: QRectF, lines: list[str], label: str) -> None:
        super().__init__()
        self.view, self.node, self.rect, self.lines = view, node, rect, lines
        self.setToolTip(f"{label}\n{kind_label(node.kind)} \u00b7 {level_label(node.level)}")
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(2)

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-2, -2, 2, 2)

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        hl = self.view.highlight
        paint_node(p, self.node, self.rect, self.lines, self.view.layout_.metrics.font_pt,
                   highlighted=self.node.id == self.view.current, dimmed=bool(hl) and self.node.id not in hl,
                   focused=self.node.id in hl and self.node.id != self.view.current)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.view.activate(self.node.id)
            event.accept()
        else:
            super().mousePressEvent(event)


class EdgeItem(QGraphicsItem):
    def __init__(self, view: MapView, edge: MapEdge, route: Route, at: float = 0.5) -> None:
        super().__init__()
        self.view, self.edge, self.at = view, edge, at
        self.route = route
        self.setToolTip(relation_label(edge.relation))
        self.setZValue(1)

    def boundingRect(self) -> QRectF:
        return QRectF(*routes.bounds(self.route)).adjusted(-40, -10, 40, 10)

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        hl = self.view.highlight
        dim = bool(hl) and not (self.edge.source in hl and self.edge.target in hl
                                and self.view.current in (self.edge.source, self.edge.target))
        paint_edge(p, self.edge, self.route, self.view.layout_.metrics.font_pt, dimmed=dim, at=self.at)


class MapView(QGraphicsView):
    """The map; ``record_requested(id)`` when a record is clicked or Enter is pressed on it."""

    record_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setBackgroundBrush(QColor("#ffffff"))
        self.graph = MapGraph(lang="en")
        self.layout_ = Layout()
        self.items_: dict[str, NodeItem] = {}
        self.current: str | None = None
        self.highlight: set[str] = set()
        self.scale(1.3, 1.3)  # the map is laid out at print size (7 pt): a little larger on screen

    def set_map(self, graph: MapGraph, layout: Layout, labels: dict[str, str]) -> None:
        """Show ``graph`` laid out by ``layout``; keeps the current record when it is still drawn."""
        scene = self.scene()
        scene.clear()
        self.graph, self.layout_, self.items_ = graph, layout, {}
        m = layout.metrics
        for n, (band, top, bottom) in enumerate(layout.bands):
            scene.addRect(QRectF(0, top, layout.width, bottom - top), Qt.PenStyle.NoPen,
                          QColor(BAND_FILLS[n % 2])).setZValue(0)
            label = scene.addText(level_label(band))
            label.setFont(font((m.font_pt + 0.5) * 72 / (self.logicalDpiY() or 72), bold=True))
            label.document().setDocumentMargin(1)
            label.setDefaultTextColor(TEXT)
            label.setTextWidth(m.band_label - 4)
            label.setPos(0, top)
            label.setZValue(0.5)
        boxes = {i: QRectF(*b) for i, b in layout.boxes.items()}
        spots = label_spots(graph, layout)
        for e in graph.edges:
            if e.fact_id in layout.routes:
                scene.addItem(EdgeItem(self, e, layout.routes[e.fact_id], spots.get(e.fact_id, 0.5)))
        for node in graph.nodes:
            item = NodeItem(self, node, boxes[node.id], layout.lines[node.id], labels.get(node.id, node.title))
            scene.addItem(item)
            self.items_[node.id] = item
        scene.setSceneRect(QRectF(0, -6, layout.width, layout.height + 12))
        if self.current not in self.items_:
            self.current, self.highlight = None, set()
        self.viewport().update()

    # -- the current record and its neighbourhood ---------------------------------------------

    def select(self, record_id: str | None) -> None:
        """Make ``record_id`` current and highlight its direct relations (None: nothing)."""
        if record_id is not None and record_id not in self.items_:
            return
        self.current = record_id
        self.highlight = self.graph.neighbours(record_id) if record_id else set()
        if record_id:
            self.ensureVisible(self.items_[record_id], 40, 40)
        self.viewport().update()

    def activate(self, record_id: str) -> None:
        self.select(record_id)
        self.record_requested.emit(record_id)

    def _ordered(self) -> list[str]:
        return [n.id for n in self.graph.nodes if n.id in self.items_]

    def _step(self, forward: bool) -> None:
        ids = self._ordered()
        if not ids:
            return
        if self.current not in ids:
            self.select(ids[0] if forward else ids[-1])
            return
        k = ids.index(self.current) + (1 if forward else -1)
        self.select(ids[k % len(ids)])

    def _move(self, dx: int, dy: int) -> None:
        """To the nearest record in the direction (dx, dy)."""
        if self.current not in self.items_:
            self._step(True)
            return
        here = self.items_[self.current].rect.center()
        best, best_cost = None, float("inf")
        for rid, item in self.items_.items():
            c = item.rect.center()
            vx, vy = c.x() - here.x(), c.y() - here.y()
            along = vx * dx + vy * dy
            if along <= 1:
                continue
            across = abs(vx * dy - vy * dx)
            cost = along + 3 * across
            if cost < best_cost:
                best, best_cost = rid, cost
        if best:
            self.select(best)

    # -- keyboard and mouse --------------------------------------------------------------------

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab moves between records inside the map; past the last (or before the first) it
        leaves the map, so the keyboard is never trapped."""
        ids = self._ordered()
        if ids and self.current in ids:
            at_end = ids.index(self.current) == (len(ids) - 1 if next else 0)
            if at_end:
                self.select(None)
                return super().focusNextPrevChild(next)
        self._step(next)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        moves = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1),
                 Qt.Key.Key_Down: (0, 1)}
        if key in moves and not ctrl:
            self._move(*moves[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current:
            self.record_requested.emit(self.current)
        elif key == Qt.Key.Key_Escape:
            self.select(None)
        elif ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(ZOOM_STEP)
        elif ctrl and key == Qt.Key.Key_Minus:
            self.zoom(1 / ZOOM_STEP)
        elif ctrl and key == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
            event.accept()
        else:
            super().wheelEvent(event)

    def zoom(self, factor: float) -> None:
        now = self.transform().m11()
        factor = max(ZOOM_MIN / now, min(factor, ZOOM_MAX / now))
        self.scale(factor, factor)

    def fit(self) -> None:
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def node_at(self, point: QPointF) -> str | None:
        for item in self.scene().items(point):
            if isinstance(item, NodeItem):
                return item.node.id
        return None
