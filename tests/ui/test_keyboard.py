"""Keyboard and reading: find in page, no Tab trap on a page full of notes, links by
Alt+Down, Ctrl+Home/End, zoom that reaches the lists and trees, a window that fits the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from belgai_desktop.gui.window_state import fit_rect
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def bosa_window(qtbot, library):
    """The real data, on the FPS BOSA page (the one that took 44 Tabs to leave)."""
    from belgai_desktop.gui.app import start

    _app, window = start(lang="en", record="fps-bosa", library=library)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    yield window
    window.close()


def test_ctrl_f_finds_in_the_page_with_a_count_next_previous_and_escape(qtbot, bosa_window) -> None:
    window = bosa_window
    window.focus_search()
    qtbot.keyClick(window.search_bar.field, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "AI")
    assert bar.matches > 1
    assert bar.count.text() == f"1 of {bar.matches}"
    first = window.page.textCursor().selectionStart()
    assert window.page.textCursor().selectedText().lower() == "ai"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == f"2 of {bar.matches}"
    assert window.page.textCursor().selectionStart() > first
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == f"1 of {bar.matches}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert window.page.hasFocus()
    bar.open()
    bar.field.setText("no such words on this page")
    assert bar.count.text() == "No matches"


def test_one_tab_leaves_a_page_full_of_notes(qtbot, bosa_window) -> None:
    window = bosa_window
    window.focus_page()
    assert window.page.hasFocus()
    qtbot.keyClick(window.page, Qt.Key.Key_Tab)
    assert not window.page.hasFocus()
    window.focus_page()
    qtbot.keyClick(window.page, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert not window.page.hasFocus()


def test_alt_down_selects_the_links_of_the_page_one_by_one(qtbot, bosa_window) -> None:
    window = bosa_window
    window.focus_page()
    qtbot.keyClick(window.page, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    first = window.page.textCursor()
    inside = QTextCursor(window.page.document())
    inside.setPosition(first.selectionStart() + 1)
    assert first.hasSelection() and inside.charFormat().isAnchor()
    qtbot.keyClick(window.page, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    second = window.page.textCursor()
    assert second.selectionStart() > first.selectionStart()
    assert window.page.hasFocus()
    qtbot.keyClick(window.page, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.page.textCursor().selectionStart() == first.selectionStart()
    # Enter follows the selected link: walk to the first link to another record and open it.
    while not window.page_keys.selected_link().startswith("record:"):
        assert window.page_keys.next_link(True), "the BOSA page links to other records"
    target = window.page_keys.selected_link().removeprefix("record:")
    qtbot.keyClick(window.page, Qt.Key.Key_Return)
    assert window.current_record == target


def test_ctrl_end_and_ctrl_home_on_the_page(qtbot, bosa_window) -> None:
    window = bosa_window
    bar = window.page.verticalScrollBar()
    assert bar.maximum() > 0, "the BOSA page is longer than the window"
    window.focus_page()
    qtbot.keyClick(window.page, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == bar.maximum()
    qtbot.keyClick(window.page, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == 0


def test_zoom_reaches_the_results_the_trees_and_the_page(qtbot, window) -> None:
    before = {w: w.font().pointSizeF() for w in (window.results, window.level_tree, window.org_tree)}
    page_before = window.page.font().pointSizeF()
    window.zoom_in_action.trigger()
    window.zoom_in_action.trigger()
    for widget, size in before.items():
        assert widget.font().pointSizeF() == size + 2
    assert window.page.font().pointSizeF() > page_before
    window.zoom_reset_action.trigger()
    for widget, size in before.items():
        assert widget.font().pointSizeF() == size


def test_fit_rect_keeps_a_window_inside_a_small_screen() -> None:
    screen = QRect(0, 0, 683, 384)  # 1366×768 at 200 %
    fitted = fit_rect(QRect(-50, 40, 1200, 780), screen)
    assert screen.contains(fitted)
    assert (fitted.width(), fitted.height()) == (683, 384)
    assert fit_rect(QRect(10, 10, 300, 200), screen) == QRect(10, 10, 300, 200)


def test_an_oversized_saved_window_opens_inside_the_screen(qtbot, make_window) -> None:
    first = make_window()
    available = first.screen().availableGeometry()
    first.resize(available.width() * 2, available.height() * 2)
    first.close()
    second = make_window()
    QApplication.processEvents()
    frame = second.frameGeometry()
    assert frame.width() <= available.width() and frame.height() <= available.height()
    assert available.contains(frame.topLeft())


@pytest.mark.parametrize("name", ["page", "results", "level_tree", "org_tree"])
def test_the_focused_pane_has_a_visible_frame(qtbot, window, name: str) -> None:
    from PySide6.QtGui import QPalette

    widget = getattr(window, name)
    window._show_tab({"level_tree": 1, "org_tree": 2}.get(name, 0))
    window.results_panel.stack.setCurrentWidget(window.results)  # as when there are results
    highlight = widget.palette().color(QPalette.ColorRole.Highlight)

    def edge_colour():
        QApplication.processEvents()
        image = widget.grab().toImage()
        return image.pixelColor(0, image.height() // 2)

    window.search_bar.field.setFocus()
    assert edge_colour() != highlight
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    assert edge_colour() == highlight
