"""Switching the interface language re-translates everything at once and is remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from belgai_desktop.core import i18n, paths
from tests.ui.conftest import OFFSCREEN_NOISE
from tests.ui.helpers import menu_titles

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

PLACEHOLDER = "Search bodies, plans, people, laws… ({shortcut})"
# A few of our strings in each language, so the test does not depend on how far the real
# catalogs are; it checks that the window takes every string from gettext on a switch.
WORDS = {
    "nl": {"&File": "&Bestand", "La&nguage": "&Taal", "&Help": "&Help", "Related": "Verwant",
           PLACEHOLDER: "Zoek diensten, plannen, personen, wetten… ({shortcut})"},
    "fr": {"&File": "&Fichier", "La&nguage": "&Langue", "&Help": "&Aide", "Related": "Voir aussi",
           PLACEHOLDER: "Chercher organismes, plans, personnes, lois… ({shortcut})"},
    "de": {"&File": "&Datei", "La&nguage": "&Sprache", "&Help": "&Hilfe", "Related": "Verwandt",
           PLACEHOLDER: "Behörden, Pläne, Personen, Gesetze suchen… ({shortcut})"},
}
QT_CLOSE = {"en": "Close", "nl": "Sluiten", "fr": "Fermer", "de": "Schließen"}


@pytest.fixture
def catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for lang, words in WORDS.items():
        catalog = Catalog(locale=lang, domain=i18n.DOMAIN)
        for msgid, msgstr in words.items():
            catalog.add(msgid, msgstr)
        target = tmp_path / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
        target.parent.mkdir(parents=True)
        with target.open("wb") as f:
            write_po(f, catalog)
    monkeypatch.setattr(paths, "locales_dir", lambda: tmp_path)


def about_button_text(qtbot, window) -> str:
    """Open Help → About, read the standard Close button, close the dialog."""
    seen: list[str] = []

    def read_and_close() -> None:
        dialog = window.about_dialog
        button = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
        seen.append(button.text().replace("&", ""))
        dialog.reject()

    QTimer.singleShot(0, read_and_close)
    window.about_action.trigger()
    qtbot.waitUntil(lambda: bool(seen))
    return seen[0]


@pytest.mark.parametrize("lang", ["nl", "fr", "de"])
def test_switching_language_retranslates_at_once(qtbot, make_window, catalogs, lang: str) -> None:
    window = make_window()
    window.open_record("test-ministry")
    assert menu_titles(window)[0] == "&File"
    assert window.search_bar.field.placeholderText().startswith("Search bodies")
    assert about_button_text(qtbot, window) == "Close"

    window.language_actions[lang].trigger()

    words = WORDS[lang]
    titles = menu_titles(window)
    assert titles[0] == words["&File"]
    assert words["La&nguage"] in titles and words["&Help"] in titles
    ctrl = {"de": "Strg"}.get(lang, "Ctrl")  # Qt names the keys in the language too
    assert window.search_bar.field.placeholderText() == words[PLACEHOLDER].format(shortcut=f"{ctrl}+K")
    assert about_button_text(qtbot, window) == QT_CLOSE[lang]
    # the open page is rendered again, in the new language, names included
    text = window.page.toPlainText()
    assert words["Related"] in text
    assert text.startswith(window.library.title("test-ministry", lang))
    assert window.language_actions[lang].isChecked()


def test_language_choice_survives_a_restart(qtbot, make_window, catalogs) -> None:
    first = make_window()
    first.language_actions["de"].trigger()
    first.close()
    i18n.set_language("en")

    second = make_window()
    assert second.lang == "de"
    assert menu_titles(second)[0] == "&Datei"
    assert about_button_text(qtbot, second) == "Schließen"


def test_first_start_follows_the_system_locale(qtbot, make_window, catalogs, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "fr_BE.UTF-8")
    window = make_window()
    assert window.lang == "fr"
    assert menu_titles(window)[0] == "&Fichier"
    assert window.language_actions["fr"].isChecked()


def test_back_to_english_removes_qt_translation(qtbot, make_window) -> None:
    window = make_window()
    window.language_actions["nl"].trigger()
    assert about_button_text(qtbot, window) == "Sluiten"
    window.language_actions["en"].trigger()
    assert about_button_text(qtbot, window) == "Close"
    assert QApplication.instance() is not None


def test_unsupported_language_in_settings_starts_in_english_with_one_warning(make_window) -> None:
    from belgai_desktop.core import messages
    from belgai_desktop.gui import settings

    stored = settings.open_settings()
    stored.setValue(settings.LANGUAGE, "tlh_Klingon")
    stored.sync()
    seen: list[tuple[str, str]] = []

    def handler(level: str, text: str) -> None:
        seen.append((level, text))

    messages.add_handler(handler)
    try:
        window = make_window()
    finally:
        messages.remove_handler(handler)
    assert window.lang == "en"
    assert menu_titles(window)[0] == "&File"
    warnings = [text for level, text in seen if level == "warning" and "tlh_Klingon" in text]
    assert len(warnings) == 1
