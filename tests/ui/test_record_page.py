"""The record page: what a reader sees, links between records, and Back/Forward."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDesktopServices, QMouseEvent
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import OFFSCREEN_NOISE
from tests.ui.helpers import click_link, links

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def page_text(window) -> str:
    return window.page.toPlainText()


def test_page_shows_names_sources_and_disputed_values(window) -> None:
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


def test_people_and_relations_are_named(window) -> None:
    window.open_record("test-ministry")
    text = page_text(window)
    assert "Testa Persona — acting Director-General" in text
    assert "supervises: Test Agency for Data Protection" in text
    assert "record:test-person" in links(window.page)


def test_link_opens_related_record_and_back_returns(qtbot, window) -> None:
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


def test_mouse_back_button_goes_back(qtbot, window) -> None:
    window.open_record("test-ministry")
    window.open_record("test-plan")
    viewport = window.page.viewport()
    pos = QPointF(10, 10)
    event = QMouseEvent(QMouseEvent.Type.MouseButtonPress, pos, viewport.mapToGlobal(pos),
                        Qt.MouseButton.BackButton, Qt.MouseButton.BackButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, event)
    assert window.current_record == "test-ministry"


def test_web_link_opens_in_browser_only_when_clicked(qtbot, window, monkeypatch) -> None:
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    window.open_record("test-ministry")
    assert opened == []
    click_link(qtbot, window.page, "https://bosa.belgium.be/en")
    assert opened == ["https://bosa.belgium.be/en"]
    assert window.current_record == "test-ministry"


def test_navigator_opens_records_by_level_and_tree(qtbot, window) -> None:
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
def test_no_record_page_shows_escaped_markup_as_text(qapp, library, lang) -> None:
    """An apostrophe in a heading reads "l'IA", never "l&#x27;IA" (escaped twice)."""
    from PySide6.QtGui import QTextDocument

    from belgai_desktop.core import i18n
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
def test_page_title_says_when_we_wrote_it(qapp, library, lang, mark) -> None:
    from PySide6.QtGui import QTextDocument

    from belgai_desktop.core import i18n
    from belgai_desktop.core.render.page import record_html

    i18n.set_language(lang)

    def heading(record_id: str) -> str:
        doc = QTextDocument()
        doc.setHtml(record_html(library.get(record_id, lang)))
        return doc.toPlainText().splitlines()[0]

    assert mark in heading("citizens-panel-ai")
    assert mark not in heading("bipt")


def test_related_titles_say_when_they_are_ours(qapp, library) -> None:
    from PySide6.QtGui import QTextDocument

    from belgai_desktop.core import i18n
    from belgai_desktop.core.render.page import record_html

    i18n.set_language("fr")
    doc = QTextDocument()
    doc.setHtml(record_html(library.get("team-up", "fr")))
    text = doc.toPlainText()
    assert "Lancement de l'appel IA Team Up (titre descriptif)" in text
    doc.setHtml(record_html(library.get("ewi", "fr")))
    text = doc.toPlainText()
    assert "Gouvernement flamand*" in text and "* notre traduction, absente des documents sources" in text


# -- key facts first, disputes named by what is disputed, parts two levels deep, citations --------

@pytest.fixture
def real_window(qtbot, library):
    """The app over the bundled data, in a 1366×768 window with the age notice showing."""
    from belgai_desktop.gui.app import start
    from belgai_desktop.gui.language import apply_language

    _app, window = start(lang="en", record=None, library=library)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.age_notice.label.setText("The data is as of 28 September 2025, 14 months ago.")
    window.age_notice.show()
    yield window
    window.live.wait()
    apply_language("en")


def _block_rect_in_window(window, text: str):
    """Where the first line of the page holding ``text`` is drawn, in window coordinates."""
    from PySide6.QtCore import QPoint

    doc = window.page.document()
    block = doc.find(text).block()
    assert block.isValid(), f"{text!r} not on the page"
    rect = doc.documentLayout().blockBoundingRect(block)
    scroll = window.page.verticalScrollBar().value()
    top = window.page.viewport().mapTo(window, QPoint(0, int(rect.top()) - scroll)).y()
    return top, top + int(rect.height())


@pytest.mark.parametrize(("record_id", "budget"), [
    ("flemish-ai-policy-plan", "€30M – €36M — 6 figures: the sources disagree"),
    ("digitalwallonia4-ai", "€875,000 per year (2019)"),
])
def test_key_facts_are_above_the_fold_at_1366x768(qtbot, real_window, record_id, budget) -> None:
    window = real_window
    window.open_record(record_id)
    qtbot.waitUntil(lambda: window.current_record == record_id)
    assert window.page.verticalScrollBar().value() == 0
    assert window.age_notice.isVisible() and window.note_editor.isVisible()
    page_bottom = window.page.viewport().mapTo(window, window.page.viewport().rect().bottomLeft()).y()
    for line in (budget, "Key dates:"):
        top, bottom = _block_rect_in_window(window, line)
        assert bottom <= min(page_bottom, 768), f"{line!r} ends at y={bottom}, below the fold"
    # the key facts come before the summary and the long sections
    text = window.page.toPlainText()
    assert text.index(budget) < text.index("The Government of Flanders' plan" if record_id.startswith("flem")
                                           else "Wallonia's AI programme") < text.index("Sources")


def test_the_budget_line_leads_to_every_value_with_its_source(qtbot, real_window) -> None:
    window = real_window
    window.open_record("flemish-ai-policy-plan")
    assert "#fact-budgets" in links(window.page)
    click_link(qtbot, window.page, "#fact-budgets")
    qtbot.waitUntil(lambda: window.page.verticalScrollBar().value() > 0)
    top, _bottom = _block_rect_in_window(window, "⚠ Budget: the sources disagree")
    assert top >= window.page.viewport().mapTo(window, window.page.viewport().rect().topLeft()).y() - 40


@pytest.mark.parametrize(("lang", "heading"), [
    ("en", "⚠ Annual budget: the sources disagree"),
    ("nl", "⚠ Jaarbudget: de bronnen zijn het oneens"),
    ("fr", "⚠ Budget annuel : les sources divergent"),
    ("de", "⚠ Jahresbudget: die Quellen widersprechen sich"),
])
def test_dispute_box_is_headed_by_what_is_disputed(qapp, fixture_library, lang, heading) -> None:
    from PySide6.QtGui import QTextDocument

    from belgai_desktop.core import i18n
    from belgai_desktop.core.render.page import record_html

    i18n.set_language(lang)
    record = fixture_library.get("test-plan", lang)
    doc = QTextDocument()
    doc.setHtml(record_html(record))
    text = doc.toPlainText().replace("\u00a0", " ")
    assert heading in text
    assert record.title not in text.split(heading)[0].split("\n", 1)[1]  # not "disagree on 'Test Plan…'"


def test_agreeing_statements_are_not_a_dispute(qapp, library) -> None:
    from PySide6.QtGui import QTextDocument

    from belgai_desktop.core.render.page import record_html

    record = library.get("matthias-diependaele", "en")
    assert not record.disputed
    doc = QTextDocument()
    doc.setHtml(record_html(record))
    text = doc.toPlainText()
    assert "the sources disagree" not in text and "⚠" not in text
    assert "Economy, Innovation, Industry, and Digitalisation" in text  # both statements still shown


@pytest.mark.parametrize(("record_id", "part", "inside"), [
    ("digitalwallonia4-ai", "dw4ai-axis-companies", ["start-ai", "tremplin-ai"]),
    ("flemish-ai-policy-plan", "flemish-plan-pillar-society", ["knowledge-centre-data-society"]),
])
def test_programme_pages_show_parts_and_what_each_holds(qapp, library, record_id, part, inside) -> None:
    from belgai_desktop.core.render.page import record_html

    page = record_html(library.get(record_id, "en"))
    parts = page.split(">Parts</h2>")[1].split("</h2>")[0]
    assert f"record:{part}" in parts
    held = parts.split(f"record:{part}")[1]
    for record in inside:
        assert f"record:{record}" in held.split("</ul>")[0], f"{record} not under {part}"


def test_copy_citation_of_the_record_with_the_shortcut(qtbot, window) -> None:
    from PySide6.QtGui import QGuiApplication

    window.open_record("test-plan")
    QGuiApplication.clipboard().clear()
    window.page.setFocus()
    qtbot.keyClick(window.page, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    text = QGuiApplication.clipboard().text()
    assert text.startswith("Test Plan for Artificial Intelligence — Plan, Flanders.")
    assert "Source: " in text and "(as of " in text
    assert "BelgAI Desktop data version" in text and "record test-plan" in text


def test_copy_citation_of_one_fact_from_the_context_menu(qtbot, window) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QGuiApplication

    window.open_record("test-plan")
    page = window.page
    doc = page.document()
    from PySide6.QtGui import QTextDocument

    exact = QTextDocument.FindFlag.FindCaseSensitively | QTextDocument.FindFlag.FindWholeWords
    heading = doc.find("Dates", 0, exact)  # the section, not the key facts' "Key dates"
    block = doc.find("Launched:", heading).block()
    assert heading.block().isValid() and block.isValid()
    rect = doc.documentLayout().blockBoundingRect(block)
    page.verticalScrollBar().setValue(int(rect.top()) - 20)
    pos = QPoint(int(rect.left()) + 30, int(rect.top() + rect.height() / 2) - page.verticalScrollBar().value())
    menu = page.context_menu(pos)
    first = menu.actions()[0]
    assert first.text() == "Copy this fact as citation"
    assert page.copy_citation_action in menu.actions()  # and the whole record, with its shortcut
    QGuiApplication.clipboard().clear()
    first.trigger()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("Test Plan for Artificial Intelligence — Launched: July 2019")
    assert "Source: " in text and "(as of " in text and "record test-plan" in text
    menu.deleteLater()


def test_citation_follows_the_language(qtbot, make_window) -> None:
    from PySide6.QtGui import QGuiApplication

    window = make_window(lang="de")
    window.open_record("test-plan")
    window.page.copy_citation_action.trigger()
    text = QGuiApplication.clipboard().text()
    assert "Quelle: " in text and "Stand: " in text and "Datenversion" in text
