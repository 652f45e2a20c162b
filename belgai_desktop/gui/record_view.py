"""The record page: a read-only ``QTextBrowser`` showing generated HTML.

Links decide what happens on click: ``record:<id>`` asks the window to open that record,
``#note-3`` scrolls within the page, and a web address opens in the system browser (only
when clicked; the app itself never goes online). The page copies citations worded by the
core (:func:`belgai_desktop.core.text.phrases.record_citation` / ``fact_citation``): the
whole record with Ctrl+Shift+C or from the context menu, one fact by right-clicking it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QTextBrowser, QWidget

from belgai_desktop.core.i18n import gettext as _

if TYPE_CHECKING:
    from belgai_desktop.core.data.model import Record

RECORD_SCHEME = "record"  # same as core.render.page.RECORD_SCHEME (that module loads babel)
CITE_PREFIX = "cite-"  # same as core.render.page.CITE_PREFIX
WEB_SCHEMES = frozenset({"http", "https"})


class RecordView(QTextBrowser):
    """Emits ``record_requested(id)`` for a record link; opens web links externally."""

    record_requested = Signal(str)
    bookmark_requested = Signal(str)  # the star before the title was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.document().setDocumentMargin(14)
        self._zoom = 0
        self._record: Record | None = None
        self._meta: dict[str, str] = {}
        self.copy_citation_action = QAction(self)
        self.copy_citation_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_citation_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.copy_citation_action.triggered.connect(self.copy_record_citation)
        self.addAction(self.copy_citation_action)
        self.retranslate()

    def retranslate(self) -> None:
        self.copy_citation_action.setText(_("Copy as citation"))

    def set_page(self, html: str, record: Record | None = None, meta: dict[str, str] | None = None) -> None:
        """Show ``html``; with ``record`` (and the data's ``meta``), citations can be copied."""
        self._record, self._meta = record, meta or {}
        self.copy_citation_action.setEnabled(record is not None)
        self.setHtml(html)
        self.verticalScrollBar().setValue(0)

    # -- citations ---------------------------------------------------------------------

    def record_citation(self) -> str | None:
        if self._record is None:
            return None
        from belgai_desktop.core.text.phrases import record_citation

        return record_citation(self._record, self._meta)

    def fact_citation_at(self, pos: QPoint) -> str | None:
        """The citation of the fact under ``pos`` (viewport coordinates), if there is one."""
        if self._record is None:
            return None
        block = self.cursorForPosition(pos).block()
        it = block.begin()
        while not it.atEnd():
            for name in it.fragment().charFormat().anchorNames():
                if name.startswith(CITE_PREFIX):
                    from belgai_desktop.core.render.page import citable
                    from belgai_desktop.core.text.phrases import fact_citation

                    facts = citable(self._record)
                    n = int(name[len(CITE_PREFIX):])
                    return fact_citation(self._record, facts[n], self._meta) if n < len(facts) else None
            it += 1
        return None

    def copy_record_citation(self) -> None:
        text = self.record_citation()
        if text:
            QGuiApplication.clipboard().setText(text)

    def context_menu(self, pos: QPoint) -> QMenu:
        """The page's context menu at ``pos`` (viewport coordinates): copying the fact under
        the mouse as a citation first, Qt's own entries, then copying the record's citation."""
        menu = self.createStandardContextMenu(pos)
        fact = self.fact_citation_at(pos)
        if fact:
            copy_fact = QAction(_("Copy this fact as citation"), menu)
            copy_fact.triggered.connect(lambda: QGuiApplication.clipboard().setText(fact))
            first = menu.actions()[0] if menu.actions() else None
            menu.insertAction(first, copy_fact)
            if first is not None:
                menu.insertSeparator(first)
        if self._record is not None:
            menu.addSeparator()
            menu.addAction(self.copy_citation_action)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _on_anchor(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme == RECORD_SCHEME:
            self.record_requested.emit(url.path())
        elif scheme == "bookmark":
            self.bookmark_requested.emit(url.path())
        elif not scheme and url.hasFragment():
            self.scrollToAnchor(url.fragment())
        elif scheme in WEB_SCHEMES:
            QDesktopServices.openUrl(url)

    # Page zoom, remembered by the window; Qt's zoomIn/zoomOut change the document font.
    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        steps = max(-4, min(steps, 12))
        delta, self._zoom = steps - self._zoom, steps
        if delta > 0:
            self.zoomIn(delta)
        elif delta < 0:
            self.zoomOut(-delta)
