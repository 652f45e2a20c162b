"""The governance map in the app (issue 13): a view of its own with a shortcut, clicking a
record or pressing Enter on it opens the record, the arrow keys move between records, the
filters narrow the map, and each record page has its neighbourhood beside it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence

from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def open_map(qtbot, window):
    action = window.landscape.actions["map"]
    assert QKeySequence("Ctrl+M") in action.shortcuts()
    action.trigger()
    lw = window.landscape.landscape_window
    qtbot.waitExposed(lw)
    return lw


def test_the_map_draws_every_record_of_the_default_kinds_once(qtbot, window):
    lw = open_map(qtbot, window)
    view = lw.map_panel.view
    graph = window.library.landscape.graph(window.lang)
    assert sorted(view.items_) == sorted(n.id for n in graph.nodes)
    assert len(view.items_) == len(graph.nodes) > 0


def test_clicking_a_record_opens_it_in_the_main_window(qtbot, window):
    lw = open_map(qtbot, window)
    view = lw.map_panel.view
    record_id = next(iter(view.items_))
    item = view.items_[record_id]
    view.centerOn(item)
    point = view.mapFromScene(item.rect.center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.current_record == record_id
    assert view.current == record_id
    assert record_id in view.highlight


def test_keyboard_moves_between_records_and_enter_opens(qtbot, window):
    lw = open_map(qtbot, window)
    view = lw.map_panel.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    first = view.current
    assert first is not None
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.current not in (None, first)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.current_record == view.current


def test_the_level_filter_keeps_one_band(qtbot, window):
    lw = open_map(qtbot, window)
    panel = lw.map_panel
    levels = {n.level for n in panel.graph.nodes}
    level = sorted(levels)[0]
    panel.level.setCurrentIndex(panel.level.findData(level))
    assert panel.graph.nodes and {n.level for n in panel.graph.nodes} == {level}
    assert set(panel.view.items_) == {n.id for n in panel.graph.nodes}


def test_the_neighbourhood_follows_the_record_and_opens_a_neighbour(qtbot, window):
    rows = window.library.relation_rows()
    _fact, subject, _rel, obj = rows[0]
    dock = window.landscape.neighbourhood
    window.show()
    qtbot.waitUntil(lambda: dock.hint.isVisible())  # the start page: one line, no empty map
    assert not dock.view.isVisible() and dock.widget().height() < 60
    window.open_record(subject)
    qtbot.waitUntil(lambda: subject in dock.view.items_)
    assert dock.view.isVisible() and not dock.hint.isVisible()
    assert obj in dock.view.items_
    dock.view.activate(obj)
    assert window.current_record == obj
    qtbot.waitUntil(lambda: dock.shown[0] == obj)


def test_the_empty_neighbourhood_stays_one_line_after_a_restart(qtbot, make_window):
    first = make_window()
    first.open_record(first.library.relation_rows()[0][1])
    qtbot.waitUntil(lambda: first.landscape.neighbourhood.view.isVisible())
    first.close()  # saves the layout with the dock as high as a map
    again = make_window()
    dock = again.landscape.neighbourhood
    qtbot.waitUntil(lambda: dock.hint.isVisible())
    assert dock.widget().height() < 60


def test_timeline_and_comparison_open_their_records(qtbot, window):
    lw = open_map(qtbot, window)
    window.landscape.actions["timeline"].trigger()
    timeline = lw.panels["timeline"]
    assert lw.tabs.currentWidget() is timeline and timeline.items_
    fact = timeline.items_[0]
    timeline.centerOn(fact)
    qtbot.mouseClick(timeline.viewport(), Qt.MouseButton.LeftButton, pos=timeline.mapFromScene(fact.rect.center()))
    assert window.current_record == fact.item.record_id
    window.landscape.actions["compare"].trigger()
    comparison = lw.panels["compare"]
    entries = [e for entries in comparison.comparison.cells.values() for e in entries]
    assert entries
    comparison.anchorClicked.emit(QUrl(f"record:{entries[-1].record_id}"))
    assert window.current_record == entries[-1].record_id


def test_tab_leaves_the_map_after_the_last_record(qtbot, window):
    lw = open_map(qtbot, window)
    view = lw.map_panel.view
    ids = view._ordered()
    view.select(ids[-1])
    assert view.focusNextPrevChild(True)
    assert view.current is None  # the map let the focus go on


def test_every_relation_between_drawn_records_is_an_arrow_on_screen(qtbot, window):
    from belgai_desktop.gui.landscape.map_view import EdgeItem

    lw = open_map(qtbot, window)
    view = lw.map_panel.view
    drawn = set(view.items_)
    expected = sorted(f for f, s, _r, o in window.library.relation_rows() if s in drawn and o in drawn and s != o)
    arrows = sorted(i.edge.fact_id for i in view.scene().items() if isinstance(i, EdgeItem))
    assert arrows == expected and arrows


def test_the_landscape_follows_the_language_menu(qtbot, window):
    lw = open_map(qtbot, window)
    window.language_actions["fr"].trigger()
    assert lw.map_panel.lang == "fr"
    assert lw.tabs.tabText(0) == "&Carte"
    some = next(iter(lw.map_panel.view.items_.values()))
    assert some.node.title == window.library.title(some.node.id, "fr")
    assert window.landscape.actions["map"].text() == "Carte de la g&ouvernance"


def test_the_timeline_is_usable_from_the_keyboard(qtbot, window):
    lw = open_map(qtbot, window)
    window.landscape.actions["timeline"].trigger()
    timeline = lw.panels["timeline"]
    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    first = timeline.current
    assert first is timeline.items_[0].item
    qtbot.keyClick(timeline, Qt.Key.Key_Return)
    assert window.current_record == first.record_id


def test_the_map_remembers_its_filters_and_never_outlives_the_main_window(qtbot, window):
    from belgai_desktop.gui.landscape.window import LandscapeWindow

    lw = open_map(qtbot, window)
    assert lw.parent() is window  # closes with the app's window, never keeps the app running alone
    panel = lw.map_panel
    level = sorted({n.level for n in panel.graph.nodes})[0]
    panel.level.setCurrentIndex(panel.level.findData(level))
    panel.relation.setCurrentIndex(panel.relation.findData("part_of"))
    again = LandscapeWindow(window.library, window.lang, window, window.settings)
    qtbot.addWidget(again)
    assert again.map_panel.level.currentData() == level
    assert again.map_panel.relation.currentData() == "part_of"
    assert {n.level for n in again.map_panel.graph.nodes} == {level}
    window.settings.setValue("landscape/map_level", "atlantis")  # hand-edited: ignored
    third = LandscapeWindow(window.library, window.lang, window, window.settings)
    qtbot.addWidget(third)
    assert third.map_panel.level.currentData() is None


def test_file_print_prints_the_tab_shown(qtbot, window, tmp_path):
    import pypdf
    from PySide6.QtPrintSupport import QPrinter

    lw = open_map(qtbot, window)
    window.landscape.actions["compare"].trigger()
    printer = lw._printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "compare.pdf"
    printer.setOutputFileName(str(out))
    lw._paint(printer)
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Budget" in text and "Brussels-Capital" in text


def test_printing_what_would_be_too_small_to_read_asks_first(qtbot, bundled_window, monkeypatch):
    from PySide6.QtGui import QPageSize
    from PySide6.QtWidgets import QMessageBox

    lw = open_map(qtbot, bundled_window)
    bundled_window.landscape.actions["compare"].trigger()
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: asked.append(args[2]) or QMessageBox.StandardButton.No)
    printer = lw._printer()
    assert lw._legible_or_confirmed(printer) is not None and not asked  # A3: reads well, nothing asked
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    assert lw._legible_or_confirmed(printer) is None  # told, the user says no: nothing is printed
    assert len(asked) == 1 and asked[0].startswith("On A4") and "A3" in asked[0]
