"""Small helpers that drive the app the way a user does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTextBrowser, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key (qtbot.keyClicks aborts on characters such as 'é')."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch,
                           Qt.KeyboardModifier.NoModifier)


def settle(qtbot, window) -> None:
    """Wait until the typed query's search has finished and its results are on screen.

    Results of a partial query ("agen") can show while the full one ("agency") is still
    debouncing or running; a user's next key acts on what is then on screen."""
    from PySide6.QtWidgets import QApplication

    qtbot.waitUntil(lambda: not window.live.is_busy())
    QApplication.processEvents()  # deliver the worker's queued result


def link_position(view: QTextBrowser, href: str) -> int:
    """Document position of the middle of the first link to ``href``; -1 if there is none."""
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == href:
                return fragment.position() + fragment.length() // 2
            it += 1
        block = block.next()
    return -1


def links(view: QTextBrowser) -> list[str]:
    out = []
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            href = it.fragment().charFormat().anchorHref()
            if href:
                out.append(href)
            it += 1
        block = block.next()
    return out


def click_link(qtbot, view: QTextBrowser, href: str) -> None:
    """Scroll the link into view and click it with the mouse."""
    position = link_position(view, href)
    assert position >= 0, f"no link to {href} on the page"
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    center = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)


def menu_titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]
