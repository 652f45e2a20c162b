"""The record page: a read-only ``QTextBrowser`` showing generated HTML.

Links decide what happens on click: ``record:<id>`` asks the window to open that record,
``#note-3`` scrolls within the page, and a web address opens in the system browser (only
when clicked; the app itself never goes online).
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

RECORD_SCHEME = "record"  # same as record_html.RECORD_SCHEME (that module loads babel)
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

    def set_page(self, html: str) -> None:
        self.setHtml(html)
        self.verticalScrollBar().setValue(0)

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
