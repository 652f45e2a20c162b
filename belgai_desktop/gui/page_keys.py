"""Keyboard on the record page without a Tab trap.

A ``QTextBrowser`` moves Tab from link to link, so leaving a page with 40 footnotes took
44 Tabs. Here Tab and Shift+Tab leave the page like any other widget; the links are
reached with Alt+Down and Alt+Up (next and previous link, Enter follows it) or with the
find bar. Ctrl+Home and Ctrl+End go to the top and the end of the page. The page HTML is
not touched: this is an event filter installed on the page.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

FOCUS_STYLE = """
QTextBrowser:focus, QListView:focus, QTreeView:focus, QListWidget:focus, QTreeWidget:focus {
    border: 2px solid palette(highlight);
}
QTextBrowser, QListView, QTreeView, QListWidget, QTreeWidget { border: 2px solid transparent; }
"""


class PageKeys(QObject):
    """Installed on the record page; see the module docstring for the keys."""

    def __init__(self, page: QTextBrowser) -> None:
        super().__init__(page)
        self.page = page
        page.installEventFilter(self)

    def links(self) -> list[tuple[int, int, str]]:
        """(start, end, address) of each link of the page, in reading order."""
        out: list[tuple[int, int, str]] = []
        block = self.page.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                href = fragment.charFormat().anchorHref()
                if href:
                    start, end = fragment.position(), fragment.position() + fragment.length()
                    if out and out[-1][2] == href and out[-1][1] == start:  # one link, two formats
                        out[-1] = (out[-1][0], end, href)
                    else:
                        out.append((start, end, href))
                it += 1
            block = block.next()
        return out

    def next_link(self, forward: bool = True) -> bool:
        """Select the next (previous) link after (before) the selection; False when there is none."""
        cursor = self.page.textCursor()
        links = self.links()
        current = (cursor.selectionStart(), cursor.selectionEnd())
        if forward:
            here = cursor.selectionEnd()
            found = next((link for link in links if link[0] >= here and link[:2] != current), None)
        else:
            here = cursor.selectionStart()
            found = next((link for link in reversed(links) if link[1] <= here and link[:2] != current), None)
        if found is None:
            return False
        cursor.setPosition(found[0])
        cursor.setPosition(found[1], QTextCursor.MoveMode.KeepAnchor)
        self.page.setTextCursor(cursor)
        self.page.ensureCursorVisible()
        return True

    def selected_link(self) -> str | None:
        """The address of the link that is exactly selected, if any."""
        cursor = self.page.textCursor()
        if not cursor.hasSelection():
            return None
        span = (cursor.selectionStart(), cursor.selectionEnd())
        return next((href for start, end, href in self.links() if (start, end) == span), None)

    def go_to(self, end: bool) -> None:
        cursor = self.page.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End if end else QTextCursor.MoveOperation.Start)
        self.page.setTextCursor(cursor)
        bar = self.page.verticalScrollBar()
        bar.setValue(bar.maximum() if end else bar.minimum())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.page and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, mods = event.key(), event.modifiers()
            ctrl = mods & Qt.KeyboardModifier.ControlModifier
            alt = mods & Qt.KeyboardModifier.AltModifier
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not ctrl and not alt:
                forward = key == Qt.Key.Key_Tab and not mods & Qt.KeyboardModifier.ShiftModifier
                QWidget.focusNextPrevChild(self.page, forward)  # the widget's chain, not the links
                return True
            if alt and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self.next_link(key == Qt.Key.Key_Down)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not ctrl and not alt:
                href = self.selected_link()
                if href:
                    self.page.anchorClicked.emit(QUrl(href))
                    return True
            if ctrl and key in (Qt.Key.Key_Home, Qt.Key.Key_End):
                self.go_to(key == Qt.Key.Key_End)
                return True
        return super().eventFilter(watched, event)
