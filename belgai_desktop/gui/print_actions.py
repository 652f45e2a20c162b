"""File → Print…, Print preview and Save as PDF for the record on screen.

The page itself is laid out by :mod:`belgai_desktop.printing` (the same one-page summary
as ``belgai print``); this module only shows Qt's print dialogs and reports problems.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from belgai_desktop.core import messages
from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.printing import layout

if TYPE_CHECKING:
    from belgai_desktop.core.library import Library

PAPER = "a4"  # Belgium prints on A4; the print dialog can change it


def _printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    layout.configure(printer, PAPER)
    return printer


def _paint(library: Library, record_id: str, lang: str, printer: QPrinter) -> None:
    try:
        layout.paint(library.get(record_id, lang), lang, printer, library)
    except BelgaiError as exc:
        messages.error(str(exc))


def preview_dialog(parent: QWidget, library: Library, record_id: str, lang: str) -> QPrintPreviewDialog:
    printer = _printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.printer_ref = printer  # the dialog does not own the printer: keep it alive
    dialog.setWindowTitle(_("Print preview"))
    dialog.paintRequested.connect(lambda p: _paint(library, record_id, lang, p))
    dialog.resize(parent.width() * 3 // 4, parent.height())
    return dialog


def preview(parent: QWidget, library: Library, record_id: str, lang: str) -> None:
    dialog = preview_dialog(parent, library, record_id, lang)
    dialog.exec()
    dialog.deleteLater()


def print_dialog(parent: QWidget, library: Library, record_id: str, lang: str) -> None:
    printer = _printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print"))
    if dialog.exec() == QDialog.DialogCode.Accepted:
        _paint(library, record_id, lang, printer)
    dialog.deleteLater()


def documents_folder() -> Path:
    """The user's Documents folder, or their home folder when there is none."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


def default_pdf_path(record_id: str, lang: str, folder: Path | None = None) -> Path:
    """Where the Save-as-PDF dialog opens: the last folder used if it still exists, else Documents."""
    start = folder if folder is not None and folder.is_dir() else documents_folder()
    return start / f"{record_id}-{lang}.pdf"


def save_pdf(parent: QWidget, library: Library, record_id: str, lang: str,
             folder: Path | None = None) -> Path | None:
    """Ask where to save (Qt's dialog, in the interface language: see ``language.QtGaps``)."""
    name, _filter = QFileDialog.getSaveFileName(
        parent, _("Save as PDF"), str(default_pdf_path(record_id, lang, folder)), _("PDF files (*.pdf)"),
        options=QFileDialog.Option.DontUseNativeDialog)
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    from belgai_desktop.printing.pdf import write_pdf

    try:
        write_pdf(library, record_id, lang, path, paper=PAPER)
    except BelgaiError as exc:
        QMessageBox.warning(parent, _("Save as PDF"), str(exc))
        return None
    return path
