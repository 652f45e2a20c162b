"""Reading the record page in the main window: the find bar over the page, its keys
(:mod:`page_keys`), zoom that reaches the page, the results and the trees, the visible
focus frame, going back to the start page, and the start page's links (``search:`` runs a
search, ``level:`` filters).

A mixin of :class:`belgai_desktop.gui.main_window.MainWindow`.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMainWindow, QVBoxLayout, QWidget

from belgai_desktop.gui.find_bar import FindBar
from belgai_desktop.gui.page_keys import FOCUS_STYLE, PageKeys


class WindowReading(QMainWindow):
    """Find in page, page keys, zoom everywhere, focus frame, start-page links."""

    def _build_page_area(self) -> QWidget:
        """The page with its find bar above it."""
        self.find_bar = FindBar(self.page)
        self.page_keys = PageKeys(self.page)
        self.page.anchorClicked.connect(self._start_page_link)
        self.page.textChanged.connect(self.find_bar.refresh)
        area = QWidget()
        column = QVBoxLayout(area)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.find_bar)
        column.addWidget(self.page, 1)
        self.setStyleSheet(FOCUS_STYLE)
        return area

    def find_in_page(self) -> None:
        self.find_bar.open()

    def find_next(self, forward: bool = True) -> None:
        if not self.find_bar.field.text():
            self.find_bar.open()
        else:
            self.find_bar.find(forward=forward)

    def next_link(self, forward: bool = True) -> None:
        self.focus_page()
        self.page_keys.next_link(forward)

    def _zoomed_widgets(self) -> list[QWidget]:
        return [self.results, self.level_tree, self.org_tree, self.bookmarks_list, self.notes_list]

    def set_zoom(self, steps: int) -> None:
        """Zoom the page (its own steps) and the lists and trees by the same point steps."""
        self.page.set_zoom(steps)
        base = QApplication.font().pointSizeF()
        for widget in self._zoomed_widgets():
            font = QFont(widget.font())
            font.setPointSizeF(max(base + self.page.zoom, 4.0))
            widget.setFont(font)
        delegate = self.results.itemDelegate()
        if hasattr(delegate, "clear_cache"):
            delegate.clear_cache()
        self.results.doItemsLayout()

    def go_home(self) -> None:
        """Back to the start page (Go → Start page, Alt+Home); Back returns to the record."""
        if self.current_record is None:
            return
        self.history.visit("")  # the start page's place in Back/Forward
        self._go(self.history.current)

    def _start_page_link(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme == "search":
            self.search_bar.set_filters(None, None)
            self.search_for(url.path())
        elif scheme == "level":
            self.search_bar.field.clear()
            self.search_bar.set_filters(None, url.path())
            self._show_tab(0)
