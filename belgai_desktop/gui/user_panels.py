"""The user's own data in the window: the note area under the record page, and the Bookmarks
and Notes lists in the left pane.

Widgets take the façade (``library.user``) and never open ``user.sqlite`` themselves. A note
is saved as you type (500 ms after the last key), and at once when the record changes, the
window closes or the app quits (:meth:`NoteEditor.flush`). Everything the user wrote is shown
as plain text: a note is never interpreted as HTML.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QVBoxLayout, QWidget

from belgai_desktop.core import messages
from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.gui.results import ID_ROLE  # one role for a record's id in every list

if TYPE_CHECKING:
    from belgai_desktop.core.library import Library
    from belgai_desktop.core.userdata.store import UserRecord

SAVE_DELAY_MS = 500
_WORD = re.compile(r"[a-z0-9][a-z0-9-]{2,}[a-z0-9]")
MIN_TITLE_LENGTH = 4
MAX_LINKS = 20


def gone_text(title: str) -> str:
    return _("no longer in the data (last seen as “{title}”)").format(title=title)


def shown_title(item: UserRecord) -> str:
    return item.title if item.in_data else gone_text(item.title)


def local_time(stamp: str) -> str:
    """An ISO time from the store as the user's local date and time, in the interface language."""
    try:
        when = dt.datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return stamp
    from PySide6.QtCore import QDateTime

    qt = QDateTime.fromSecsSinceEpoch(int(when.timestamp()))
    return QLocale().toString(qt, QLocale.FormatType.ShortFormat)


def linked_records(library: Library, text: str, lang: str) -> list[tuple[str, str]]:
    """The records a note mentions by id or by title, as (id, title), in order of first mention."""
    found: dict[str, int] = {}
    for m in _WORD.finditer(text):
        if m.group(0) not in found and library.exists(m.group(0)):
            found[m.group(0)] = m.start()
    folded = text.casefold()
    for s in library.list(lang=lang):
        if s.id not in found and len(s.title) >= MIN_TITLE_LENGTH:
            at = folded.find(s.title.casefold())
            if at >= 0:
                found[s.id] = at
    ordered = sorted(found, key=lambda rid: found[rid])[:MAX_LINKS]
    return [(rid, library.title(rid, lang)) for rid in ordered]


class NoteEditor(QWidget):
    """The note on the current record: typed, saved without a Save button, with its time."""

    record_requested = Signal(str)
    saved = Signal(str)  # record id, after each save

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.lang = "en"
        self.record_id: str | None = None
        self._dirty = False
        self._updated = ""
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.textChanged.connect(self._changed)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.links = QLabel()
        self.links.setTextFormat(Qt.TextFormat.RichText)
        self.links.setWordWrap(True)
        self.links.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                           | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.links.linkActivated.connect(self._link)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(3)
        layout.addWidget(self.heading)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.links)
        layout.addWidget(self.status)
        self.setEnabled(False)
        self.hide()  # until a record is open: the start page has no note

    def set_record(self, record_id: str | None, lang: str) -> None:
        """Show the note on ``record_id`` (saving the one being typed first)."""
        self.flush()
        self.record_id, self.lang = record_id, lang
        note = self.library.user.note(record_id, lang) if record_id else None
        self.edit.blockSignals(True)
        self.edit.setPlainText(note.text if note else "")
        self.edit.blockSignals(False)
        self._updated = note.updated if note else ""
        self.setEnabled(record_id is not None)
        # Only a record has a note: on the start page the editor would be an empty grey box
        # taking a fifth of the window.
        self.setVisible(record_id is not None)
        self.retranslate()

    def _changed(self) -> None:
        if self.record_id is None:
            return
        self._dirty = True
        self.timer.start()

    def flush(self) -> None:
        """Save now what was typed and not yet saved."""
        self.timer.stop()
        if not self._dirty or self.record_id is None:
            return
        self._dirty = False
        try:
            self._updated = self.library.user.set_note(self.record_id, self.edit.toPlainText(), self.lang)
        except BelgaiError as exc:
            messages.error(str(exc))
            return
        if not self.edit.toPlainText().strip():
            self._updated = ""
        self.saved.emit(self.record_id)
        self._show_status()

    def _link(self, url: str) -> None:
        if url.startswith("record:"):
            self.record_requested.emit(url.removeprefix("record:"))

    def _show_status(self) -> None:
        if self._updated:
            self.status.setText(_("Saved · last change {time}").format(time=local_time(self._updated)))
        else:
            self.status.setText(_("Saved as you type."))
        mentioned = linked_records(self.library, self.edit.toPlainText(), self.lang) if self.record_id else []
        mentioned = [(rid, title) for rid, title in mentioned if rid != self.record_id]
        if mentioned:
            links = ", ".join(f'<a href="record:{html.escape(rid)}">{html.escape(title)}</a>'
                              for rid, title in mentioned)
            self.links.setText(html.escape(_("Records in this note:")) + " " + links)
            self.links.show()
        else:
            self.links.clear()
            self.links.hide()

    def retranslate(self) -> None:
        self.heading.setText(_("Your note on this record"))
        self.edit.setPlaceholderText(_("Write a note: what was said, what to do next. "
                                       "Record names and ids become links."))
        self.edit.setAccessibleName(_("Your note on this record"))
        self._show_status()


class UserList(QListWidget):
    """Bookmarked or noted records; ``record_activated(id)`` on Enter, click or double-click."""

    record_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.itemActivated.connect(self._activate)
        self.itemClicked.connect(self._activate)
        self.empty_text = ""

    def show_items(self, items: list[UserRecord], with_text: bool) -> None:
        self.clear()
        for entry in items:
            text = ("★ " if not with_text else "") + shown_title(entry)
            if entry.label:
                text += f"  [{entry.label}]"
            if with_text:
                first = entry.text.strip().splitlines()[0] if entry.text.strip() else ""
                text += "\n    " + (first[:120] + ("…" if len(first) > 120 else ""))
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, entry.id)
            item.setToolTip(entry.id)
            self.addItem(item)
        if not items:
            item = QListWidgetItem(self.empty_text)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(item)

    def ids(self) -> list[str]:
        return [rid for i in range(self.count()) if (rid := self.item(i).data(ID_ROLE))]

    def _activate(self, item: QListWidgetItem) -> None:
        record_id = item.data(ID_ROLE)
        if record_id:
            self.record_activated.emit(record_id)


class MyRecordsPanel(QWidget):
    """The left pane's Bookmarks tab: the bookmarked records above, the noted records below."""

    def __init__(self, bookmarks: UserList, notes: UserList, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QSplitter

        self.bookmarks_heading, self.notes_heading = QLabel(), QLabel()
        for heading, widget in ((self.bookmarks_heading, bookmarks), (self.notes_heading, notes)):
            heading.setBuddy(widget)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
        splitter = QSplitter(Qt.Orientation.Vertical)
        for heading, widget in ((self.bookmarks_heading, bookmarks), (self.notes_heading, notes)):
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(4, 4, 0, 0)
            column.setSpacing(2)
            column.addWidget(heading)
            column.addWidget(widget, 1)
            splitter.addWidget(box)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
