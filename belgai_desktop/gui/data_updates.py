"""File → Install data update… and Revert to previous data; the "what changed" page; the
data-age notice.

Installing verifies the whole package off the GUI thread (a one-thread ``QThreadPool``, the
result delivered by a queued signal), through :mod:`belgai_desktop.core.updates.store`; then
the window reopens on the new data and shows what changed, which can be saved as a PDF. The
notice says, calmly and once per data version, when the data is older than a threshold
(``data/max_age_months`` in the settings, 12 by default).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QStandardPaths, QThreadPool, Signal
from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.render.page import esc
from belgai_desktop.core.text.formatting import format_date

if TYPE_CHECKING:
    from belgai_desktop.core.library import Library


def months_between(as_of: str, today: dt.date) -> int:
    parts = [int(p) for p in as_of.split("-")[:2]] + [1]
    return (today.year - parts[0]) * 12 + today.month - parts[1]


class AgeNotice(QFrame):
    """'The data is as of …, N months ago': shown above the page until dismissed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ageNotice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#ageNotice { background: #fff8e1; border: 1px solid #e0c36a; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.dismiss = QPushButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss)
        self.hide()

    def show_for(self, as_of: str, lang: str, months: int) -> None:
        self.label.setText(_("The reference data is as of {date}, {n} months ago: newer facts may be missing. "
                             "Ask your administrator for a data update (File → Install data update…).").format(
            date=format_date(as_of, lang), n=months))
        self.dismiss.setText(_("Dismiss"))
        self.show()


class _Relay(QObject):
    finished = Signal(object)
    failed = Signal(str)


class _InstallTask(QRunnable):
    def __init__(self, path: Path, relay: _Relay) -> None:
        super().__init__()
        self.path, self.relay = path, relay

    def run(self) -> None:
        from belgai_desktop.core.errors import BelgaiError
        from belgai_desktop.core.updates import diff, store

        try:
            done = store.install(self.path)
            changes = diff.diff(done.before.database, done.after.database)
            self.relay.finished.emit((done, changes))
        except BelgaiError as exc:
            self.relay.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
            self.relay.failed.emit(f"{type(exc).__name__}: {exc}")


def _titles(library: Library, lang: str) -> dict[str, str]:
    return {r.id: r.title for r in library.list(lang=lang)}


def changes_html(changes: dict[str, Any], lang: str, old_titles: dict[str, str], new_titles: dict[str, str],
                 source_titles: dict[str, str]) -> str:
    """The "what changed" page: disputes first, then records added, removed and changed, every
    changed fact before and after, worded as on the record page, with its sources."""
    from belgai_desktop.core.updates.diff import describe

    titles = {**old_titles, **new_titles}

    def title(rid: str) -> str:
        return esc(titles.get(rid) or rid)

    # Translated outside the f-strings, where the extractor finds them.
    according_to, what_changed, changed = esc(_("According to:")), esc(_("What changed")), esc(_("Changed"))
    before, after, nothing = esc(_("Before")), esc(_("After")), esc(_("No differences"))

    def cell(fact: dict[str, Any] | None) -> str:
        value, cites = describe(fact, lang, titles, source_titles)
        return esc(value) + (f"<br><small>{according_to} {esc(cites)}</small>" if cites else "")

    parts = [f"<h2>{what_changed}</h2>"]
    for key, heading in (("disputes_appeared", _("The sources now disagree")),
                         ("disputes_resolved", _("The sources no longer disagree"))):
        if changes[key]:
            items = "".join(f"<li><b>{title(d['id'])}</b></li>" for d in changes[key])
            parts.append(f"<h3>{esc(heading)}</h3><ul>{items}</ul>")
    for key, heading in (("added", _("Added")), ("removed", _("Removed"))):
        if changes[key]:
            items = "".join(f"<li>{title(rid)} <small>({esc(rid)})</small></li>" for rid in changes[key])
            parts.append(f"<h3>{esc(heading)}</h3><ul>{items}</ul>")
    if changes["changed"]:
        parts.append(f"<h3>{changed}</h3>")
        for change in changes["changed"]:
            rows = "".join(f"<tr><td width='50%'>{cell(f['before'])}</td><td>{cell(f['after'])}</td></tr>"
                           for f in change["facts"])
            parts.append(f"<p><b>{title(change['id'])}</b> <small>({esc(change['id'])})</small></p>"
                         "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
                         f"<tr><th>{before}</th><th>{after}</th></tr>{rows}</table>")
    if not any(changes[k] for k in ("added", "removed", "changed")):
        parts.append(f"<p>{nothing}</p>")
    return "".join(parts)


class ChangesDialog(QDialog):
    """What changed, readable and savable as one PDF document."""

    def __init__(self, html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("What changed"))
        self.resize(760, 560)
        self.view = QTextBrowser()
        self.view.setHtml(html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton(_("Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(self._ask_and_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)

    def save_pdf(self, path: Path) -> None:
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        doc = QTextDocument()
        doc.setHtml(self.view.toHtml())
        doc.print_(writer)

    def _ask_and_save(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(self, _("Save as PDF"), str(Path(folder) / "belgai-changes.pdf"),
                                                    _("PDF files (*.pdf)"))
        if path:
            self.save_pdf(Path(path))


class DataUpdates(QObject):
    """The install and revert actions of one window; ``finished`` once an install is through."""

    finished = Signal(bool, str)  # success, message

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.relay = _Relay()
        self.relay.finished.connect(self._installed)
        self.relay.failed.connect(self._failed)
        self.changes_dialog: ChangesDialog | None = None

    def ask_and_install(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
        path, _filter = QFileDialog.getOpenFileName(self.window, _("Install data update"), folder,
                                                    _("BelgAI data packages (*.belgai)"))
        if path:
            self.install(Path(path))

    def install(self, path: Path) -> None:
        self.window.statusBar().showMessage(_("Checking and installing {name}…").format(name=path.name))
        self.pool.start(_InstallTask(path, self.relay))

    def _failed(self, text: str) -> None:
        self.window.statusBar().clearMessage()
        QMessageBox.warning(self.window, _("Install data update"),
                            _("The data update was not installed; the data in use is unchanged.") + "\n\n" + text)
        self.finished.emit(False, text)

    def _installed(self, result: tuple[Any, dict[str, Any]]) -> None:
        from belgai_desktop.core.library import Library

        done, changes = result
        lang = self.window.lang
        old = Library(done.before.database)
        try:
            old_titles = _titles(old, lang)
        finally:
            old.close()
        new_window = self.window.reopen()
        new_titles = _titles(new_window.library, lang)
        text = _("Installed data version {version} (as of {as_of}), signed by key {key}").format(
            version=done.package.data_version, as_of=format_date(done.package.manifest.get("as_of") or "", lang)
            if done.package.manifest.get("as_of") else "?", key=done.package.key.id_text)
        new_window.statusBar().showMessage(text, 15000)
        sources = {src.id: src.title for src in new_window.library.sources()}
        dialog = ChangesDialog(changes_html(changes, lang, old_titles, new_titles, sources), new_window)
        new_window.data_updates.changes_dialog = dialog
        dialog.show()
        self.finished.emit(True, text)

    def revert(self) -> None:
        from belgai_desktop.core.errors import BelgaiError
        from belgai_desktop.core.updates import store

        answer = QMessageBox.question(self.window, _("Revert to previous data"),
                                      _("Go back to the data in use before the last update?"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            store.rollback()
        except BelgaiError as exc:
            QMessageBox.warning(self.window, _("Revert to previous data"), str(exc))
            return
        new_window = self.window.reopen()
        status = store.status()
        new_window.statusBar().showMessage(_("Back to data version {version} (as of {as_of})").format(
            version=status["data_version"], as_of=format_date(status["as_of"], self.window.lang)
            if status["as_of"] else "?"), 15000)
