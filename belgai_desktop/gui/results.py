"""The list of search results: title, kind and level in the interface language, and the
snippet with the matched words in bold (``SearchHit.snippet_html``).

Each row is painted from HTML by :class:`HitDelegate`; the plain text of the row is its
accessible text, so a screen reader reads the same thing.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QPainter,
    QPalette,
    QStandardItem,
    QStandardItemModel,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from belgai_desktop.core.text import labels, phrases

ID_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
_PAD = 6


def hit_html(title: str, kind: str, level: str, snippet_html: str) -> str:
    meta = html.escape(f"{labels.kind_label(kind)} · {labels.level_label(level)}")
    out = f"<div><b>{html.escape(title)}</b><br><small>{meta}</small>"
    if snippet_html:
        out += f"<br><span>{snippet_html}</span>"
    return out + "</div>"


def hit_text(title: str, kind: str, level: str, snippet: str) -> str:
    text = f"{title}. {labels.kind_label(kind)}, {labels.level_label(level)}."
    return f"{text} {snippet}" if snippet else text


class HitDelegate(QStyledItemDelegate):
    """Paints a result row from its HTML, wrapped to the width of the list.

    Laid-out documents are kept (per text, width and font) so that measuring and painting
    a row lay it out once; the view clears the cache when it shows new results.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cache: dict[tuple[str, int, str], QTextDocument] = {}

    def clear_cache(self) -> None:
        self._cache.clear()

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex,
                  width: int) -> QTextDocument:
        html = index.data(HTML_ROLE) or ""
        key = (html, width, option.font.key())
        doc = self._cache.get(key)
        if doc is None:
            if len(self._cache) > 400:
                self._cache.clear()
            doc = QTextDocument()
            doc.setDefaultFont(option.font)
            doc.setDocumentMargin(0)
            doc.setHtml(html)
            doc.setTextWidth(max(width - 2 * _PAD, 50))
            self._cache[key] = doc
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(option, index, option.rect.width())
        ctx = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.left() + _PAD, option.rect.top() + _PAD)
        painter.setClipRect(QRectF(0, 0, option.rect.width() - _PAD, option.rect.height()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        width = option.rect.width() if option.rect.width() > 0 else 300
        view = option.widget
        if isinstance(view, QListView):
            width = view.viewport().width()
        doc = self._document(option, index, width)
        return QSize(width, int(doc.size().height()) + 2 * _PAD)


class ResultsView(QListView):
    """Search hits; ``open_requested(id)`` on Enter, click or double-click."""

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self._delegate = HitDelegate(self)
        self.setItemDelegate(self._delegate)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.activated.connect(self._open_index)
        self.clicked.connect(self._open_index)
        self.starred: set[str] = set()  # bookmarked records show a star

    def show_hits(self, hits: list[Any]) -> None:
        self._delegate.clear_cache()
        self._model.clear()
        for hit in hits:
            item = QStandardItem()
            item.setData(hit.id, ID_ROLE)
            title = f"★ {hit.title}" if hit.id in self.starred else hit.title
            # A title that is ours is marked as on the record page: "(descriptive title)", or an
            # asterisk for our translation, explained in the tooltip.
            note = ""
            if getattr(hit, "title_descriptive", False):
                title += " " + phrases.descriptive_mark()
            elif getattr(hit, "title_translation", False):
                title += "*"
                note = phrases.translation_legend()
            item.setData(hit_html(title, hit.kind, hit.level, hit.snippet_html), HTML_ROLE)
            text = hit_text(title, hit.kind, hit.level, hit.snippet)
            item.setData(text, Qt.ItemDataRole.DisplayRole)
            item.setData(text, Qt.ItemDataRole.AccessibleTextRole)
            tip = "\n\n".join(t for t in (hit.snippet, note) if t)
            item.setData(tip or None, Qt.ItemDataRole.ToolTipRole)
            self._model.appendRow(item)
        if hits:
            self.setCurrentIndex(self._model.index(0, 0))
        self.scrollToTop()

    def ids(self) -> list[str]:
        return [self._model.item(i).data(ID_ROLE) for i in range(self._model.rowCount())]

    def current_id(self) -> str | None:
        index = self.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def move(self, step: int) -> None:
        """Move the current row by ``step`` (from the search field's Up/Down keys)."""
        count = self._model.rowCount()
        if not count:
            return
        row = self.currentIndex().row() if self.currentIndex().isValid() else -1
        row = min(max(row + step, 0), count - 1)
        self.setCurrentIndex(self._model.index(row, 0))

    def open_current(self) -> bool:
        record_id = self.current_id()
        if record_id:
            self.open_requested.emit(record_id)
        return bool(record_id)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(index.data(ID_ROLE))

    def resizeEvent(self, event: Any) -> None:  # rows re-wrap to the new width
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()
