"""The Government view: Belgium as organised, every body exactly once, in organisational order."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem

from belgai_desktop.core.landscape import government
from belgai_desktop.gui.government_view import GovernmentTree
from belgai_desktop.gui.navigator import ID_ROLE
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def _items(tree: GovernmentTree) -> list[QTreeWidgetItem]:
    return tree.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive)


def _ids(tree: GovernmentTree) -> list[str]:
    return [i.data(0, ID_ROLE) for i in _items(tree) if i.data(0, ID_ROLE)]


def test_every_body_of_the_data_appears_exactly_once(qtbot, library) -> None:
    tree = GovernmentTree()
    qtbot.addWidget(tree)
    tree.populate(library, "en")
    shown = Counter(_ids(tree))
    bodies = {s.id for s in library.list(kind="body")}
    assert bodies, "the bundled data has bodies"
    assert {b: shown[b] for b in bodies if shown[b] != 1} == {}
    assert all(n == 1 for n in shown.values()), "no record is shown twice"
    # Bodies with no parent and no part are there too.
    assert shown["bipt"] == 1 and shown["data-protection-authority"] == 1


def test_order_is_the_organisational_one_not_alphabetical(qtbot, library) -> None:
    tree = GovernmentTree()
    qtbot.addWidget(tree)
    tree.populate(library, "en")
    tops = [tree.topLevelItem(i).text(0).rsplit(" (", 1)[0] for i in range(tree.topLevelItemCount())]
    expected = ["European Union", "Federal", "Flanders", "Wallonia", "Brussels-Capital"]
    assert tops[:5] == expected
    assert tops != sorted(tops)
    federal = tree.topLevelItem(1)
    headings = [federal.child(i).text(0).rsplit(" (", 1)[0] for i in range(federal.childCount())]
    assert headings[0] == "Government"
    assert headings.index("Regulators") > 0


def test_bodies_sit_under_their_parent_and_plans_under_their_body(library) -> None:
    sections = library.government("en")
    nodes = {n.record.id: n for n in government.walk(sections)}
    assert "fps-bosa" in [c.record.id for c in nodes["federal-government"].children]
    walloon_plan = [c.record.id for c in nodes["walloon-region"].children]
    assert "digital-wallonia" in walloon_plan
    # Two levels below a programme: DigitalWallonia4.ai → its axes → Start AI.
    axes = nodes["digitalwallonia4-ai"].children
    assert "start-ai" in [g.record.id for axis in axes for g in axis.children]


def test_activating_a_body_opens_its_page(window, qtbot) -> None:
    window.tabs.setCurrentWidget(window.org_tree)
    item = window.org_tree.find_id("test-agency")
    assert item is not None
    window.org_tree.itemActivated.emit(item, 0)
    assert window.current_record == "test-agency"


def test_view_is_translated(qtbot, library) -> None:
    from belgai_desktop.gui.language import apply_language

    tree = GovernmentTree()
    qtbot.addWidget(tree)
    apply_language("nl")
    try:
        tree.populate(library, "nl")
        assert tree.topLevelItem(2).text(0).startswith("Vlaanderen")
    finally:
        apply_language("en")
