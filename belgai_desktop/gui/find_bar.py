"""Find in the record page (Ctrl+F): a bar over the page with the words to find, the
number of matches, Next (Enter, F3) and Previous (Shift+Enter, Shift+F3); Escape closes
it and gives the keyboard back to the page, where the last match stays selected.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextBrowser, QToolButton, QWidget

from belgai_desktop.core.i18n import gettext as _


class FindBar(QWidget):
    """Finds text in ``page`` (a ``QTextBrowser``); hidden until :meth:`open` is called."""

    def __init__(self, page: QTextBrowser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.field = QLineEdit(self)
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(lambda _text: self.find(forward=True, restart=True))
        self.field.installEventFilter(self)
        self.previous_button = QToolButton(self)
        self.previous_button.setText("▲")
        self.previous_button.clicked.connect(lambda: self.find(forward=False))
        self.next_button = QToolButton(self)
        self.next_button.setText("▼")
        self.next_button.clicked.connect(lambda: self.find(forward=True))
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.clicked.connect(self.close_bar)
        self.count = QLabel(self)
        self.count.setMinimumWidth(90)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 3, 6, 3)
        self.label = QLabel(self)
        self.label.setBuddy(self.field)
        for w in (self.label, self.field, self.previous_button, self.next_button, self.count):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.close_button)
        self.matches = 0
        self.current = 0
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(_("Find in page:"))
        self.field.setAccessibleName(_("Find in page"))
        self.field.setPlaceholderText(_("Words on this page"))
        self.previous_button.setToolTip(_("Previous match (Shift+F3)"))
        self.previous_button.setAccessibleName(_("Previous match"))
        self.next_button.setToolTip(_("Next match (F3)"))
        self.next_button.setAccessibleName(_("Next match"))
        self.close_button.setToolTip(_("Close (Escape)"))
        self.close_button.setAccessibleName(_("Close the find bar"))
        self._show_count()

    def open(self) -> None:
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        if self.field.text():
            self.find(forward=True, restart=True)

    def close_bar(self) -> None:
        self.hide()
        self.page.setFocus(Qt.FocusReason.OtherFocusReason)

    def _occurrences(self, text: str) -> list[int]:
        positions: list[int] = []
        cursor = QTextCursor(self.page.document())
        while True:
            cursor = self.page.document().find(text, cursor)
            if cursor.isNull():
                return positions
            positions.append(cursor.selectionStart())

    def find(self, forward: bool = True, restart: bool = False) -> bool:
        """Select the next (or previous) match, wrapping round; False when there is none."""
        text = self.field.text()
        if not self.isVisible() and not restart:
            self.open()
        if not text:
            self.matches = self.current = 0
            self._show_count()
            return False
        positions = self._occurrences(text)
        self.matches = len(positions)
        if not positions:
            self.current = 0
            self._show_count()
            return False
        cursor = self.page.textCursor()
        here = cursor.selectionStart() if restart else (cursor.selectionStart() if cursor.hasSelection()
                                                         else cursor.position())
        if restart:
            after = [p for p in positions if p >= here]
            index = positions.index(after[0]) if after else 0
        elif forward:
            after = [p for p in positions if p > here]
            index = positions.index(after[0]) if after else 0
        else:
            before = [p for p in positions if p < here]
            index = positions.index(before[-1]) if before else len(positions) - 1
        found = self.page.document().find(text, positions[index])
        self.page.setTextCursor(found)
        self.page.ensureCursorVisible()
        self.current = index + 1
        self._show_count()
        return True

    def _show_count(self) -> None:
        if not self.field.text():
            self.count.setText("")
        elif self.matches:
            self.count.setText(_("{current} of {n}").format(current=self.current, n=self.matches))
        else:
            self.count.setText(_("No matches"))
        self.count.setAccessibleName(self.count.text())

    def refresh(self) -> None:
        """The page changed: count again (the bar stays open)."""
        if self.isVisible() and self.field.text():
            self.matches = len(self._occurrences(self.field.text()))
            self.current = 0
            self._show_count()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.find(forward=not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)


