"""The Government view tab: Belgium's bodies as organised, from
:meth:`Library.government` — levels, kinds of body, bodies with their parts, and the
plans and programmes under each body.

Plans and programmes are in italics, bodies upright. Headings are not records:
activating one opens or closes it; activating a record emits ``record_activated(id)``,
as in the other browsing trees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.i18n import pgettext
from belgai_desktop.core.landscape.government import BODY_KINDS
from belgai_desktop.core.text import labels
from belgai_desktop.gui.navigator import RecordTree

if TYPE_CHECKING:
    from belgai_desktop.core.landscape.government import Node, Section
    from belgai_desktop.core.library import Library


def section_label(section: Section) -> str:
    """The heading of a level or of a kind of body within it, translated."""
    if section.id == section.level:
        return labels.level_label(section.level)
    names = {
        "government": pgettext("government view", "Government"),
        "public-service": (pgettext("government view", "Federal public services")
                           if section.level == "federal" else pgettext("government view", "Public services")),
        "department": pgettext("government view", "Departments"),
        "agency": pgettext("government view", "Agencies"),
        "regulator": pgettext("government view", "Regulators"),
        "advisory": pgettext("government view", "Advisory and steering bodies"),
        "eu-body": pgettext("government view", "EU institutions and bodies"),
        "international-organisation": pgettext("government view", "International organisations"),
        "other": pgettext("government view", "Other bodies: research, networks, hubs"),
        "plans": pgettext("government view", "Plans and programmes with no body named in the data"),
    }
    return names.get(section.id, section.id)


class GovernmentTree(RecordTree):
    """Level → kind of body → bodies (their parts under them) → their plans → the plans' parts."""

    def populate(self, library: Library, lang: str) -> None:
        expanded = self._expanded_headings()
        self.clear()
        for section in library.government(lang):
            self._add_section(section, self, expanded)
        if not expanded:
            for i in range(self.topLevelItemCount()):
                self.topLevelItem(i).setExpanded(True)

    def _add_section(self, section: Section, parent: QTreeWidgetItem | QTreeWidget,
                     expanded: set[str]) -> None:
        title = section_label(section)
        item = QTreeWidgetItem(parent, [f"{title} ({section.count()})"])
        key = f"{section.level}/{section.id}"
        item.setData(0, Qt.ItemDataRole.UserRole, key)
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, _("{heading}, {n} entries").format(
            heading=title, n=section.count()))
        if section.id == section.level:
            font = QFont(item.font(0))
            font.setBold(True)
            item.setFont(0, font)
        for child in section.children:
            self._add_section(child, item, expanded)
        for node in section.nodes:
            self._add_node(node, item)
        item.setExpanded(key in expanded)

    def _add_node(self, node: Node, parent: QTreeWidgetItem) -> None:
        s = node.record
        detail = f"{labels.kind_label(s.kind)} · {labels.level_label(s.level)}"
        item = self.record_item(s, parent, detail)
        if s.kind not in BODY_KINDS:  # plans and programmes in italics, bodies upright
            font = QFont(item.font(0))
            font.setItalic(True)
            item.setFont(0, font)
        for child in node.children:
            self._add_node(child, item)

    def _expanded_headings(self) -> set[str]:
        """Which headings are open, kept across a language switch."""
        out = set()
        for item in self.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive):
            key = item.data(0, Qt.ItemDataRole.UserRole)
            if key and item.isExpanded():
                out.add(key)
        return out
