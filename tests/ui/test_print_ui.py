"""File → Save as PDF and Print preview produce the one-page summary of the open record."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def test_save_as_pdf_writes_one_page(window, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "summary"  # the app adds .pdf
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert not window.save_pdf_action.isEnabled()  # nothing to print yet
    window.open_record("test-plan")
    assert window.save_pdf_action.isEnabled()
    window.save_pdf_action.trigger()
    pdf = PdfReader(tmp_path / "summary.pdf")
    assert len(pdf.pages) == 1
    text = " ".join(pdf.pages[0].extract_text().split())
    assert "Test Plan for Artificial Intelligence" in text
    assert "summary.pdf" in window.statusBar().currentMessage()


def test_save_as_pdf_in_the_interface_language(window, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "plan.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.language_actions["fr"].trigger()
    window.open_record("test-plan")
    window.save_pdf_action.trigger()
    text = " ".join(PdfReader(target).pages[0].extract_text().split())
    assert "Plan de test pour l" in text


def test_print_preview_shows_one_page(qtbot, window) -> None:
    window.open_record("test-ministry")
    pages: list[int] = []

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        preview = dialog.findChild(QPrintPreviewWidget)
        preview.updatePreview()
        pages.append(preview.pageCount())
        dialog.reject()

    QTimer.singleShot(50, inspect)
    window.print_preview_action.trigger()
    qtbot.waitUntil(lambda: bool(pages))
    assert pages == [1]
