"""Bookmarks, notes, recently viewed records and saved searches, as a user meets them in the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from belgai_desktop.core.library import Library
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

RECORD, OTHER = "test-ministry", "test-agency"


def test_ctrl_d_toggles_the_bookmark_with_its_star_and_list(window, qtbot):
    window.open_record(RECORD)
    assert "☆" in window.page.toPlainText()
    qtbot.keyClick(window.page, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.user.is_bookmarked(RECORD)
    assert "★" in window.page.toPlainText() and window.bookmark_action.isChecked()
    assert window.bookmarks_list.ids() == [RECORD]
    window.label_bookmark("for Tuesday")
    assert window.bookmarks_list.item(0).text().endswith("[for Tuesday]")
    window._fill_bookmarks_menu()
    assert RECORD in [a.data() for a in window.bookmarks_menu.actions()]
    window.page.bookmark_requested.emit(RECORD)  # the star on the page
    assert not window.user.is_bookmarked(RECORD)
    assert "☆" in window.page.toPlainText() and window.bookmarks_list.ids() == []


def test_search_results_star_bookmarked_records(window, qtbot):
    window.open_record(RECORD)
    window.bookmark_action.trigger()
    window.search_bar.field.setText("test")
    qtbot.waitUntil(lambda: RECORD in window.results.ids(), timeout=10000)
    texts = {window.results.model().item(i).data(Qt.ItemDataRole.UserRole + 1):
             window.results.model().item(i).text() for i in range(window.results.model().rowCount())}
    assert texts[RECORD].startswith("★ ")
    assert not any(t.startswith("★") for rid, t in texts.items() if rid != RECORD)


def test_a_note_typed_then_the_window_closed_at_once_is_kept(make_window, qtbot, fixture_db_path):
    window = make_window()
    window.open_record(RECORD)
    typed = "Minister's office: <b>call back</b> "
    qtbot.keyClicks(window.note_editor.edit, typed)
    window.note_editor.edit.insertPlainText("🙂 שלום")  # pasted: QTest types ASCII only
    text = typed + "🙂 שלום"
    window.close()  # before the 500 ms debounce
    again = Library(fixture_db_path)
    try:
        assert again.user.note(RECORD).text == text
    finally:
        again.close()


def test_a_note_is_saved_as_you_type_and_shown_with_its_time(window, qtbot):
    window.open_record(RECORD)
    qtbot.keyClicks(window.note_editor.edit, "see test-agency")
    qtbot.waitUntil(lambda: window.user.note(RECORD) is not None, timeout=5000)
    assert "last change" in window.note_editor.status.text()
    # a record id in the note becomes a link that opens the record
    assert 'href="record:test-agency"' in window.note_editor.links.text()
    window.note_editor.links.linkActivated.emit("record:test-agency")
    assert window.current_record == OTHER
    assert window.note_editor.edit.toPlainText() == ""
    assert window.notes_list.ids() == [RECORD]
    window.go_back()
    assert window.note_editor.edit.toPlainText() == "see test-agency"


def test_the_start_page_has_no_note_box_and_alt_home_goes_back_to_it(window, qtbot):
    assert window.current_record is None and not window.note_editor.isVisible()
    window.open_record(RECORD)
    assert window.note_editor.isVisible()
    window.page.setFocus()
    qtbot.keyClick(window.page, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert window.current_record is None and window.windowTitle() == "BelgAI Desktop"
    assert "Browse by level" in window.page.toPlainText()
    assert not window.note_editor.isVisible()
    window.go_back()  # the start page took its place in Back/Forward
    assert window.current_record == RECORD and window.note_editor.isVisible()
    window.go_forward()
    assert window.current_record is None


def test_html_in_a_note_stays_text(window, qtbot):
    window.open_record(RECORD)
    window.note_editor.edit.setPlainText("<h1>big</h1>")
    window.note_editor.flush()
    window.notes_tab_action.trigger()
    assert window.tabs.currentWidget() is window.my_records
    assert "<h1>big</h1>" in window.notes_list.item(0).text()


def test_recently_viewed_in_the_go_menu_newest_first(window):
    window.open_record(RECORD)
    window.open_record(OTHER)
    window._fill_recent_menu()
    ids = [a.data() for a in window.recent_menu.actions()]
    assert ids[:2] == [OTHER, RECORD]
    window.recent_menu.actions()[1].trigger()
    assert window.current_record == RECORD
    window.clear_history()
    window._fill_recent_menu()
    assert [a.data() for a in window.recent_menu.actions()] == [None]  # "(none yet)"


def test_saved_search_reruns_with_its_filters_in_one_click(window, qtbot):
    window.search_bar.set_filters("body", None)
    window.search_bar.field.setText("test")
    window.save_search("My bodies")
    window.search_bar.set_filters(None, None)
    window.search_bar.field.setText("")
    window._fill_saved_searches_menu()
    action = next(a for a in window.saved_searches_menu.actions() if a.data() == "My bodies")
    action.trigger()
    assert window.search_bar.query == "test" and window.search_bar.kind_filter == "body"
    qtbot.waitUntil(lambda: bool(window.results.ids()), timeout=10000)


def test_a_record_gone_from_the_data_shows_as_no_longer_in_the_data(window):
    window.user.add_bookmark("gone-record")
    window.user._write([("INSERT INTO seen_titles VALUES ('gone-record', 'Old Agency', 'x')", ())])
    window._refresh_user_lists()
    assert "no longer in the data (last seen as “Old Agency”)" in window.bookmarks_list.item(0).text()
    window.open_record("gone-record")
    assert "no longer in the data" in window.page.toPlainText()
    assert not window.print_action.isEnabled()
