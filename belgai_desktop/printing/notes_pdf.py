""""My notes" as a printable PDF: each record's title, the note as plain text, the data version.

Qt's ``QPdfWriter`` with a ``QTextDocument`` built by cursor (the notes are inserted as plain
text, never interpreted as HTML). Written to a temporary file, then moved into place.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextCharFormat, QTextCursor, QTextDocument

from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.userdata.store import UserRecord
from belgai_desktop.printing.layout import ensure_app


def notes_document(notes: Sequence[UserRecord], data_version: str, as_of: str) -> QTextDocument:
    doc = QTextDocument()
    cursor = QTextCursor(doc)
    heading, small, body, title = QTextCharFormat(), QTextCharFormat(), QTextCharFormat(), QTextCharFormat()
    heading.setFontPointSize(20)
    heading.setFontWeight(QFont.Weight.Bold)
    title.setFontPointSize(13)
    title.setFontWeight(QFont.Weight.Bold)
    small.setFontPointSize(8)
    body.setFontPointSize(10)
    cursor.insertText(_("My notes"), heading)
    cursor.insertBlock()
    cursor.insertText(_("BelgAI Desktop · data version {version}, as of {date}").format(
        version=data_version, date=as_of or "?"), small)
    for note in notes:
        cursor.insertBlock()
        cursor.insertBlock()
        shown = note.title if note.in_data else _("no longer in the data (last seen as “{title}”)").format(
            title=note.title)
        cursor.insertText(shown, title)
        cursor.insertBlock()
        cursor.insertText(_("Record id: {id}").format(id=note.id) + " · "
                          + _("Last changed {time}").format(time=note.updated[:16].replace("T", " ")), small)
        for line in note.text.splitlines() or [""]:
            cursor.insertBlock()
            cursor.insertText(line, body)
    if not notes:
        cursor.insertBlock()
        cursor.insertText(_("No notes yet."), body)
    return doc


def write_notes_pdf(notes: Sequence[UserRecord], data_version: str, as_of: str, lang: str, out: Path) -> None:
    ensure_app()
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    writer = QPdfWriter(str(tmp))
    writer.setTitle(_("My notes"))
    writer.setCreator("BelgAI Desktop")
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter))
    doc = notes_document(notes, data_version, as_of)
    doc.print_(writer)
    del writer
    try:
        if not tmp.is_file() or tmp.stat().st_size == 0:
            raise OSError("the PDF could not be written")
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BelgaiError(_("cannot write {path}: {reason}").format(path=out, reason=getattr(exc, "strerror", None)
                                                                    or exc)) from None
