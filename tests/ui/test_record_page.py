"""The record page: what a reader sees, links between records, and Back/Forward."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDesktopServices, QMouseEvent
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import OFFSCREEN_NOISE
from tests.ui.helpers import click_link, links

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def page_text(window) -> str:  # noqa: ANN001
    return window.page.toPlainText()


def test_page_shows_names_sources_and_disputed_values(window) -> None:  # noqa: ANN001
    window.open_record("test-plan")
    text = page_text(window)
    assert text.startswith("Test Plan for Artificial Intelligence")
    assert "Type:\nPlan\nGovernment level:\nFlanders" in text
    assert "Testplan voor Artificiële Intelligentie (our translation)" in text
    # both values of the disputed budget, each with its own source, marked in words
    assert "⚠ Annual budget: the sources disagree" in text
    assert "€32M per year (2019)" in text and "about €32M – €35M per year" in text
    assert "According to: AI State Policy in Belgium" in text
    assert "According to: National strategies on Artificial Intelligence" in text
    # each fact carries a note with source and as-of date
    assert "A.I. Governance in Belgium, 2.1 (as of 28 September 2025)" in text
    assert "Sources" in text
    assert window.windowTitle().startswith("Test Plan for Artificial Intelligence")


def test_people_and_relations_are_named(window) -> None:  # noqa: ANN001
    window.open_record("test-ministry")
    text = page_text(window)
    assert "Testa Persona — acting Director-General" in text
    assert "supervises: Test Agency for Data Protection" in text
    assert "record:test-person" in links(window.page)


def test_link_opens_related_record_and_back_returns(qtbot, window) -> None:  # noqa: ANN001
    window.open_record("test-ministry")
    click_link(qtbot, window.page, "record:test-agency")
    qtbot.waitUntil(lambda: window.current_record == "test-agency")
    assert page_text(window).startswith("Test Agency for Data Protection")
    assert window.back_action.isEnabled()

    window.back_action.trigger()
    assert window.current_record == "test-ministry"
    assert page_text(window).startswith("Test Ministry")
    assert window.forward_action.isEnabled()

    qtbot.keyClick(window.page, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current_record == "test-agency"
    qtbot.keyClick(window.page, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_record == "test-ministry"


def test_mouse_back_button_goes_back(qtbot, window) -> None:  # noqa: ANN001
    window.open_record("test-ministry")
    window.open_record("test-plan")
    viewport = window.page.viewport()
    pos = QPointF(10, 10)
    event = QMouseEvent(QMouseEvent.Type.MouseButtonPress, pos, viewport.mapToGlobal(pos),
                        Qt.MouseButton.BackButton, Qt.MouseButton.BackButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, event)
    assert window.current_record == "test-ministry"


def test_web_link_opens_in_browser_only_when_clicked(qtbot, window, monkeypatch) -> None:  # noqa: ANN001
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    window.open_record("test-ministry")
    assert opened == []
    click_link(qtbot, window.page, "https://bosa.belgium.be/en")
    assert opened == ["https://bosa.belgium.be/en"]
    assert window.current_record == "test-ministry"


def test_navigator_opens_records_by_level_and_tree(qtbot, window) -> None:  # noqa: ANN001
    item = window.level_tree.find_id("test-plan")
    assert item is not None
    assert item.parent().parent().text(0).startswith("Flanders")
    window.level_tree.itemActivated.emit(item, 0)
    assert window.current_record == "test-plan"
    child = window.org_tree.find_id("test-agency")
    assert child is not None and child.parent().data(0, Qt.ItemDataRole.UserRole + 1) == "test-ministry"
    window.org_tree.itemActivated.emit(child, 0)
    assert window.current_record == "test-agency"


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_no_record_page_shows_escaped_markup_as_text(qapp, library, lang) -> None:  # noqa: ANN001
    """An apostrophe in a heading reads "l'IA", never "l&#x27;IA" (escaped twice)."""
    from PySide6.QtGui import QTextDocument

    from belgai_desktop.core.text import i18n
    from belgai_desktop.core.render.page import record_html

    i18n.set_language(lang)
    shown = []
    for summary in library.list(lang=lang):
        doc = QTextDocument()
        doc.setHtml(record_html(library.get(summary.id, lang)))
        text = doc.toPlainText()
        shown.append(text)
        for entity in ("&#", "&amp;", "&lt;", "&gt;", "&quot;"):
            assert entity not in text, f"{summary.id} ({lang}) shows {entity!r}"
    assert len(shown) == len(library.list(lang=lang)) > 100


@pytest.mark.parametrize(("lang", "mark"), [("en", "(descriptive title)"), ("nl", "(beschrijvende titel)"),
                                            ("fr", "(titre descriptif)"), ("de", "(beschreibender Titel)")])
def test_page_title_says_when_we_wrote_it(qapp, library, lang, mark) -> None:  # noqa: ANN001
    from PySide6.QtGui import QTextDocument

    from belgai_desktop.core.text import i18n
    from belgai_desktop.core.render.page import record_html

    i18n.set_language(lang)

    def heading(record_id: str) -> str:
        doc = QTextDocument()
        doc.setHtml(record_html(library.get(record_id, lang)))
        return doc.toPlainText().splitlines()[0]

    assert mark in heading("citizens-panel-ai")
    assert mark not in heading("bipt")


def test_related_titles_say_when_they_are_ours(qapp, library) -> None:  # noqa: ANN001
    from PySide6.QtGui import QTextDocument

    from belgai_desktop.core.text import i18n
    from belgai_desktop.core.render.page import record_html

    i18n.set_language("fr")
    doc = QTextDocument()
    doc.setHtml(record_html(library.get("team-up", "fr")))
    text = doc.toPlainText()
    assert "Lancement de l'appel IA Team Up (titre descriptif)" in text
    doc.setHtml(record_html(library.get("ewi", "fr")))
    text = doc.toPlainText()
    assert "Gouvernement flamand*" in text and "* notre traduction, absente des documents sources" in text
