"""Filters that never surprise: chips for active filters, the count of results they hide,
and a filter with no search words listing everything it lets through."""

from __future__ import annotations

import pytest

from tests.ui.conftest import OFFSCREEN_NOISE
from tests.ui.helpers import settle, type_text

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def real_window(bundled_window):
    return bundled_window


def _choose(combo, value: str) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_chip_appears_for_a_filter_and_removing_it_clears_the_filter(qtbot, real_window) -> None:
    chips = real_window.results_panel.chips
    assert chips.isHidden()
    _choose(real_window.search_bar.level, "walloon")
    assert chips.isVisible() and list(chips.chips) == ["level"]
    assert "Wallonia" in chips.chips["level"].text()
    chips.chips["level"].click()
    assert real_window.search_bar.level_filter is None
    assert chips.isHidden()


def test_hidden_count_says_what_the_wallonia_filter_hides_for_bosa(qtbot, real_window) -> None:
    window = real_window
    type_text(window.search_bar.field, "BOSA")
    settle(qtbot, window)
    unfiltered = window.results_panel._result.total
    assert unfiltered > 0
    _choose(window.search_bar.level, "walloon")
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.results_panel.chips.hidden_link.isVisible())
    filtered = window.results_panel._result.total
    link = window.results_panel.chips.hidden_link
    assert link.text().startswith(f"{unfiltered - filtered} result")
    assert "show all" in link.text()
    link.click()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.results_panel._result.total == unfiltered)
    assert window.search_bar.level_filter is None and window.results_panel.chips.isHidden()


def test_a_filter_with_an_empty_search_box_lists_everything_it_matches(qtbot, real_window, library) -> None:
    window = real_window
    _choose(window.search_bar.level, "walloon")
    settle(qtbot, window)
    expected = {s.id for s in library.list(level="walloon")}
    qtbot.waitUntil(lambda: set(window.results.ids()) == expected)
    assert window.tabs.currentWidget() is window.results_panel
