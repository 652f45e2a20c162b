"""File → Install data update…, the "what changed" page, Revert to previous data, and the
notice about old data, as a user meets them in the window."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication, QMessageBox

from belgai_desktop.core.updates import minisign
from belgai_desktop.core.updates.package import pack
from belgai_desktop.gui import settings as keys
from tests.conftest import SOURCE_DB_DIR
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)
PLAN = "flemish-ai-policy-plan"


@pytest.fixture
def package(tmp_path, monkeypatch) -> Path:
    """The bundled data with one budget changed, packed as version 2 with a throw-away key
    that this user's installation trusts."""
    secret, public = minisign.write_key_pair(tmp_path / "keys")
    monkeypatch.setenv("BELGAI_TRUSTED_KEYS", str(public))
    database = tmp_path / "edited.sqlite"
    shutil.copy(SOURCE_DB_DIR / "belgai.sqlite", database)
    conn = sqlite3.connect(database)
    with conn:
        changed = conn.execute("UPDATE budgets SET amount = 31000000 WHERE record_id = ? AND amount = 30000000",
                               (PLAN,)).rowcount
    conn.close()
    assert changed == 1
    return pack(tmp_path / "belgai-data-2.belgai", secret, database, data_version=2)


@pytest.fixture
def real_window(qtbot):
    """The window over the data in use (the bundled database here), as `belgai` opens it."""
    from belgai_desktop.gui.app import start
    from belgai_desktop.gui.language import apply_language

    _app, window = start(lang="en")
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    yield window
    apply_language("en")


def _current_window(old):
    from belgai_desktop.gui.main_window import MainWindow

    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible() and w is not old]
    assert len(shown) == 1, shown
    return shown[0]


def test_install_shows_what_changed_and_revert_brings_the_old_data_back(qtbot, real_window, package, monkeypatch,
                                                                         tmp_path):
    window = real_window
    window.open_record(PLAN)
    assert "€30M" in window.page.toPlainText()
    assert not window.revert_data_action.isEnabled()
    with qtbot.waitSignal(window.data_updates.finished, timeout=60000) as signal:
        window.data_updates.install(package)
    assert signal.args[0] is True, signal.args
    new = _current_window(window)
    qtbot.addWidget(new)
    # the window now shows the new data, says so, and can go back
    assert "€31M" in new.page.toPlainText() and "€30M per year" not in new.page.toPlainText()
    assert "data update 2" in new.data_label.text()
    assert new.revert_data_action.isEnabled()
    # what changed: the record by its title, the value before and after, with its sources
    dialog = new.data_updates.changes_dialog
    assert dialog is not None and dialog.isVisible()
    text = dialog.view.toPlainText()
    assert "Flemish AI Policy Plan" in text or new.library.get(PLAN, "en").title in text
    assert "Investment: €30M" in text and "Investment: €31M" in text and "According to:" in text
    out = tmp_path / "changes.pdf"
    dialog.save_pdf(out)
    assert new.library.get(PLAN, "en").title.split()[0] in PdfReader(out).pages[0].extract_text()
    dialog.close()
    # revert
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    new.data_updates.revert()
    back = _current_window(new)
    qtbot.addWidget(back)
    assert "€30M" in back.page.toPlainText()
    assert "data update" not in back.data_label.text()


def test_a_bad_package_is_refused_with_a_message_and_nothing_changes(qtbot, real_window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    bad = tmp_path / "bad.belgai"
    bad.write_text("not a package")
    with qtbot.waitSignal(real_window.data_updates.finished, timeout=30000) as signal:
        real_window.data_updates.install(bad)
    assert signal.args[0] is False
    assert len(shown) == 1 and "unchanged" in shown[0] and "not a BelgAI data package" in shown[0]
    assert real_window.isVisible() and "data update" not in real_window.data_label.text()


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_old_data_gets_a_calm_notice_that_can_be_dismissed(make_window, lang):
    window = make_window(lang)
    notice = window.age_notice
    assert notice.isVisible(), "the data is over 12 months old: the notice must show"
    if lang != "en":
        assert "months ago" not in notice.label.text()
    notice.dismiss.click()
    assert not notice.isVisible()
    window.close()
    again = make_window(lang)
    assert not again.age_notice.isVisible(), "a dismissed notice came back for the same data"


def test_the_threshold_is_a_setting(make_window):
    from belgai_desktop.gui.settings import open_settings

    settings = open_settings()
    settings.setValue(keys.DATA_MAX_AGE_MONTHS, 1200)
    settings.sync()
    assert not make_window().age_notice.isVisible()
