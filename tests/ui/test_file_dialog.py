"""Qt's file dialog speaks the chosen language (labels included), opens in Documents and
remembers the folder of the last PDF saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton

from tests.ui.conftest import OFFSCREEN_NOISE
from tests.ui.test_accelerators import clashes

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

LABELS = {
    "nl": {"&Zoeken in:", "Bestands&naam:", "Bestands&type:"},
    "fr": {"Re&garder dans\xa0:", "&Nom de fichier\xa0:", "&Type de fichier\xa0:"},
    "de": {"&Suchen in:", "Datei&name:", "Dateien des &Typs:"},
}


def _run_save_dialog(qtbot, window, answer=None) -> dict:
    """Trigger File → Save as PDF and look at the dialog; cancel it, or save to ``answer``."""
    seen: dict = {}

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, inspect)
            return
        seen["labels"] = {w.text() for w in dialog.findChildren(QLabel) if w.text()}
        seen["buttons"] = [b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()]
        seen["folder"] = Path(dialog.directory().absolutePath())
        if answer is None:
            dialog.reject()
        else:
            dialog.selectFile(str(answer))
            dialog.accept()

    QTimer.singleShot(20, inspect)
    window.save_pdf_action.trigger()
    qtbot.waitUntil(lambda: "labels" in seen)
    return seen


@pytest.mark.parametrize("lang", ["nl", "fr", "de"])
def test_the_save_as_pdf_dialog_is_in_the_chosen_language(qtbot, make_window, lang: str) -> None:
    window = make_window(lang=lang)
    window.open_record("test-plan")
    seen = _run_save_dialog(qtbot, window)
    assert LABELS[lang] <= seen["labels"]
    assert not any("Look in" in t or "Files of" in t for t in seen["labels"])
    assert clashes(sorted(seen["labels"]) + seen["buttons"]) == {}


def test_it_opens_in_documents_then_in_the_last_folder_used(qtbot, make_window, tmp_path: Path) -> None:
    from belgai_desktop.gui.print_actions import documents_folder

    window = make_window(lang="en")
    window.open_record("test-plan")
    first = _run_save_dialog(qtbot, window)
    assert first["folder"] == documents_folder()
    chosen = tmp_path / "reports"
    chosen.mkdir()
    _run_save_dialog(qtbot, window, answer=chosen / "plan.pdf")
    assert list(chosen.glob("*.pdf")), "the PDF was saved in the folder chosen"
    window.close()
    again = make_window(lang="en")  # remembered across a restart
    again.open_record("test-plan")
    assert _run_save_dialog(qtbot, again)["folder"] == chosen
