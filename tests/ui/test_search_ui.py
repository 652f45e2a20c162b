"""Search as you type: results, keyboard, "did you mean", filters, empty state, stale results."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import OFFSCREEN_NOISE
from tests.ui.helpers import settle, type_text

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def first_result(window) -> str | None:
    ids = window.results.ids()
    return ids[0] if ids else None


def test_search_field_has_focus_at_start(window) -> None:
    assert window.search_bar.field.hasFocus()
    assert "Type to search" in window.results_panel.empty.text()


def test_typing_shows_the_right_first_result_and_enter_opens_it(qtbot, window) -> None:
    qtbot.keyClicks(window.search_bar.field, "agency")
    settle(qtbot, window)
    assert first_result(window) == "test-agency"
    assert re.fullmatch(r"\d+ results?", window.results_panel.count.text())
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Return)
    assert window.current_record == "test-agency"
    assert window.page.toPlainText().startswith("Test Agency for Data Protection")
    assert window.search_bar.field.hasFocus()  # keep typing to refine


def test_non_ascii_typing_in_french(qtbot, make_window) -> None:
    window = make_window(lang="fr")
    type_text(window.search_bar.field, "ministère")
    qtbot.waitUntil(lambda: first_result(window) == "test-ministry")
    assert window.results.currentIndex().data().startswith("Ministère de test")


def test_up_down_move_and_enter_opens_the_chosen_result(qtbot, window) -> None:
    qtbot.keyClicks(window.search_bar.field, "test")
    settle(qtbot, window)
    assert len(window.results.ids()) >= 2
    ids = window.results.ids()
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Down)
    assert window.results.current_id() == ids[1]
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Up)
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Enter)
    assert window.current_record == ids[1]


def test_enter_right_after_typing_opens_the_fresh_first_result(qtbot, window) -> None:
    qtbot.keyClicks(window.search_bar.field, "persona")
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_Return)  # before the debounce fires
    qtbot.waitUntil(lambda: window.current_record == "test-person")


def test_did_you_mean_is_clickable(qtbot, window) -> None:
    qtbot.keyClicks(window.search_bar.field, "agnecy")
    qtbot.waitUntil(lambda: window.results_panel.suggestion.isVisible())
    assert "agency" in window.results_panel.suggestion.text()
    qtbot.mouseClick(window.results_panel.suggestion, Qt.MouseButton.LeftButton)
    assert window.search_bar.query == "agency"
    qtbot.waitUntil(lambda: first_result(window) == "test-agency")


def test_no_results_says_what_to_try(qtbot, window) -> None:
    qtbot.keyClicks(window.search_bar.field, "zzqxj")
    qtbot.waitUntil(lambda: "No results for “zzqxj”" in window.results_panel.empty.text())
    assert window.results_panel.stack.currentWidget() is window.results_panel.empty
    assert "fewer or other words" in window.results_panel.empty.text()


def test_kind_and_level_filters_narrow_the_results(qtbot, window) -> None:
    qtbot.keyClicks(window.search_bar.field, "test")
    qtbot.waitUntil(lambda: "test-plan" in window.results.ids())
    level = window.search_bar.level
    level.setCurrentIndex(level.findData("flemish"))
    qtbot.waitUntil(lambda: window.results.ids() == ["test-plan"])
    level.setCurrentIndex(level.findData(""))
    kind = window.search_bar.kind
    kind.setCurrentIndex(kind.findData("person"))
    qtbot.waitUntil(lambda: window.results.ids() == ["test-person"])


def test_filters_are_not_restored_silently_after_a_restart(qtbot, make_window) -> None:
    first = make_window()
    first.search_bar.kind.setCurrentIndex(first.search_bar.kind.findData("strategy"))
    first.search_bar.level.setCurrentIndex(first.search_bar.level.findData("flemish"))
    first.close()
    second = make_window()
    assert second.search_bar.kind_filter is None
    assert second.search_bar.level_filter is None


def test_stale_results_never_overwrite_newer_ones(qtbot, window) -> None:
    """A result that arrives late for an older query is dropped, not shown over the newer one."""
    qtbot.keyClicks(window.search_bar.field, "persona")
    qtbot.waitUntil(lambda: first_result(window) == "test-person")
    old_generation = window.live.generation
    window.search_bar.field.clear()
    qtbot.keyClicks(window.search_bar.field, "agency")
    settle(qtbot, window)
    assert first_result(window) == "test-agency"
    late = window.library.search("persona", lang="en")
    window.live.relay.finished.emit(old_generation, late)  # as if a slow worker finished now
    qtbot.wait(20)
    assert first_result(window) == "test-agency"


def test_results_mark_titles_that_are_our_translations(qtbot, make_window) -> None:
    """The fixture's agency has a German name that no document gives: the result says so."""
    window = make_window(lang="de")
    type_text(window.search_bar.field, "Datenschutz")
    qtbot.waitUntil(lambda: first_result(window) == "test-agency")
    index = window.results.currentIndex()
    assert index.data().startswith("Testagentur für Datenschutz*")
    assert "Übersetzung" in index.data(Qt.ItemDataRole.ToolTipRole)
