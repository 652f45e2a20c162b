"""The About dialog: app version, the data's version and as-of date, and the source documents."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from belgai_desktop import __version__
from belgai_desktop.core import i18n
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.i18n import ngettext

if TYPE_CHECKING:
    from belgai_desktop.core.library import Library


def locale_date(value: str) -> str:
    """'2025-09-28' in the interface language ('28 September 2025'), worded as everywhere else."""
    if not value:
        return ""
    from belgai_desktop.core.text.formatting import format_date  # babel: not before the window shows

    return format_date(value, i18n.current_language())


def about_html(library: Library) -> str:
    from belgai_desktop.core.text import phrases

    count = len(library.list())
    meta = library.meta
    parts = [
        "<h2>" + html.escape(_("BelgAI Desktop")) + f" {html.escape(__version__)}</h2>",
        "<p>" + html.escape(_("An offline reference to AI governance in Belgium: bodies, strategies, "
                              "laws, people and the documents every fact comes from.")) + "</p>",
        "<p>" + html.escape(ngettext("{n} record, data as of {date}.", "{n} records, data as of {date}.",
                                     count).format(n=count, date=locale_date(library.as_of) or "?")),
        "<br><small>" + html.escape(_("Data version: {hash}").format(hash=meta.get("source_hash", "")[:12]))
        + "</small></p>",
        "<h3>" + html.escape(_("Sources")) + "</h3><ol>",
    ]
    for s in library.sources():
        line = phrases.source_line(s, i18n.current_language(), f"<b>{html.escape(s.title)}</b>", html.escape)
        parts.append(f"<li>{line}</li>")
    parts.append("</ol>")
    parts.append("<p><small>" + html.escape(_("The app works offline: it never connects to the Internet. "
                                             "Web links open in your browser only when you click them."))
                 + "</small></p>")
    return "".join(parts)


class AboutDialog(QDialog):
    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About BelgAI Desktop"))
        self.text = QLabel(about_html(library))
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text.setAccessibleName(_("About BelgAI Desktop"))
        scroll = QScrollArea(self)
        scroll.setWidget(self.text)
        scroll.setWidgetResizable(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 520)
