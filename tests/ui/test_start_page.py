"""The start page is a home: levels with counts, example searches, latest dates, the
disputed questions, bookmarks and the as-of date — each a link that does what it says."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QUrl

from belgai_desktop.gui.about import locale_date
from tests.ui.conftest import OFFSCREEN_NOISE
from tests.ui.helpers import link_position, settle

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def home(bundled_window):
    return bundled_window


def test_levels_are_links_with_the_counts_of_the_data(qtbot, home, library) -> None:
    text = home.page.toPlainText()
    for level, name in (("federal", "Federal"), ("walloon", "Wallonia"), ("community", "Communities")):
        n = len(library.list(level=level))
        assert link_position(home.page, f"level:{level}") >= 0
        assert f"{name} — {n} record" in text
    home.page.anchorClicked.emit(QUrl("level:walloon"))
    settle(qtbot, home)
    expected = {s.id for s in library.list(level="walloon")}
    qtbot.waitUntil(lambda: set(home.results.ids()) == expected)
    assert home.search_bar.level_filter == "walloon"


def test_example_searches_are_links_that_run_the_search(qtbot, home) -> None:
    assert link_position(home.page, "search:BOSA") >= 0
    home.page.anchorClicked.emit(QUrl("search:BOSA"))
    assert home.search_bar.query == "BOSA"
    settle(qtbot, home)
    qtbot.waitUntil(lambda: "fps-bosa" in home.results.ids())
    # the examples beside the empty results list are links too
    home.search_bar.field.clear()
    assert 'href="search:AI4Belgium"' in home.results_panel.empty.text()
    home.results_panel.empty.linkActivated.emit("search:AI4Belgium")
    assert home.search_bar.query == "AI4Belgium"


def test_latest_dates_disputes_and_as_of_come_from_the_data(home, library) -> None:
    overview = library.overview("en")
    text = home.page.toPlainText()
    assert f"Data as of {locale_date(library.as_of)}" in text
    assert overview.latest and overview.questions
    for fact in overview.latest:
        assert link_position(home.page, f"record:{fact.record.id}") >= 0
        assert fact.date <= library.as_of
    for question in overview.questions:
        for record in question.records:
            assert link_position(home.page, f"record:{record.id}") >= 0


def test_bookmarks_are_listed_on_the_start_page(home) -> None:
    assert "No bookmarks yet" in home.page.toPlainText()
    home.user.toggle_bookmark("bipt", "en")
    home._render_page()
    assert link_position(home.page, "record:bipt") >= 0
    assert "No bookmarks yet" not in home.page.toPlainText()


def test_french_example_links_keep_their_spaces_outside(make_window) -> None:
    # « BOSA » : the no-break spaces inside the quotation marks are not part of the link
    # (underlined, they looked like a typo); the search run is the bare word.
    window = make_window(lang="fr")
    text = window.results_panel.empty.text()
    assert 'href="search:BOSA">BOSA</a>' in text
    assert not re.search(r">\s[^<]*</a>|>[^<]*\s</a>", text)
