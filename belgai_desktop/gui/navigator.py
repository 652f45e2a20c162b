"""Browsing without searching: records by government level and kind (the Government
view, :mod:`government_view`, builds on the same tree class).

Both are ``QTreeWidget``s; activating a record (Enter, double-click or click) emits
``record_activated(id)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from belgai_desktop.core.data import vocab
from belgai_desktop.core.text import labels
from belgai_desktop.gui.results import ID_ROLE  # one role for a record's id in every list

if TYPE_CHECKING:
    from belgai_desktop.core.data.model import RecordSummary
    from belgai_desktop.core.library import Library

# The levels in the order a Belgian civil servant expects them.
LEVEL_ORDER = ("eu", "federal", "flemish", "walloon", "brussels", "community", "international",
               "non-governmental")


class RecordTree(QTreeWidget):
    record_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        record_id = item.data(0, ID_ROLE)
        if record_id:
            self.record_activated.emit(record_id)

    def record_item(self, s: RecordSummary, parent: QTreeWidgetItem | QTreeWidget,
                    detail: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [s.title])
        item.setData(0, ID_ROLE, s.id)
        item.setToolTip(0, detail)
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{s.title}, {detail}")
        return item

    def find_id(self, record_id: str) -> QTreeWidgetItem | None:
        for item in self.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive):
            if item.data(0, ID_ROLE) == record_id:
                return item
        return None

    def select_id(self, record_id: str) -> None:
        item = self.find_id(record_id)
        if item is not None:
            self.setCurrentItem(item)
            self.scrollToItem(item)


class LevelTree(RecordTree):
    """Level → kind group → records."""

    def populate(self, library: Library, lang: str) -> None:
        self.clear()
        summaries = library.list(lang=lang)
        for level in LEVEL_ORDER:
            in_level = [s for s in summaries if s.level == level]
            if not in_level:
                continue
            level_item = QTreeWidgetItem(self, [f"{labels.level_label(level)} ({len(in_level)})"])
            level_item.setData(0, Qt.ItemDataRole.AccessibleTextRole, labels.level_label(level))
            for group, kinds in vocab.KIND_GROUPS.items():
                in_group = [s for s in in_level if s.kind in kinds]
                if not in_group:
                    continue
                group_item = QTreeWidgetItem(level_item, [f"{labels.group_label(group)} ({len(in_group)})"])
                for s in in_group:
                    self.record_item(s, group_item, labels.kind_label(s.kind))
