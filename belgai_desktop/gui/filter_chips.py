"""Active search filters shown as removable chips above the results, and how many results
the filters hide, with a one-click way to show them all.

A filter never hides results silently: while one is on, its chip is visible, and when a
search finds records the filters leave out, a link says how many and clears them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QToolButton, QVBoxLayout, QWidget

from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.i18n import ngettext

CHIP_STYLE = """
QToolButton { border: 1px solid palette(mid); border-radius: 10px; padding: 2px 8px;
              background: palette(alternate-base); }
QToolButton:hover { background: palette(midlight); }
QToolButton:focus { border: 2px solid palette(highlight); }
"""
LINK_STYLE = ("QPushButton { text-align: left; text-decoration: underline; border: none; padding: 2px 6px; }"
              "QPushButton:focus { border: 2px solid palette(highlight); }")


class FilterChips(QWidget):
    """One chip per active filter (click or Enter removes it) and the hidden-results link."""

    remove_requested = Signal(str)  # "kind" or "level"
    show_all_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(4, 0, 4, 0)
        self.row.setSpacing(6)
        self.row.addStretch(1)
        self.hidden_link = QPushButton(self)
        self.hidden_link.setFlat(True)
        self.hidden_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.hidden_link.setStyleSheet(LINK_STYLE)
        self.hidden_link.clicked.connect(self.show_all_requested)
        self.hidden_link.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 2, 0, 2)
        column.setSpacing(2)
        column.addLayout(self.row)
        column.addWidget(self.hidden_link)
        self.chips: dict[str, QToolButton] = {}
        self.hidden = 0
        self.setVisible(False)

    def show_filters(self, active: list[tuple[str, str]], hidden: int) -> None:
        """``active``: (filter, shown value) pairs, e.g. ("level", "Wallonia")."""
        for chip in self.chips.values():
            self.row.removeWidget(chip)
            chip.deleteLater()
        self.chips = {}
        for position, (name, value) in enumerate(active):
            text = (_("Kind: {value}") if name == "kind" else _("Level: {value}")).format(value=value)
            chip = QToolButton(self)
            chip.setText(f"{text}  ×")
            chip.setStyleSheet(CHIP_STYLE)
            chip.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.setAccessibleName(_("Remove the filter {filter}").format(filter=text))
            chip.setToolTip(_("Remove this filter"))
            chip.clicked.connect(lambda checked=False, n=name: self.remove_requested.emit(n))
            self.row.insertWidget(position, chip)
            self.chips[name] = chip
        self.hidden = hidden if active else 0
        if self.hidden:
            self.hidden_link.setText(ngettext("{n} result hidden by filters — show all",
                                              "{n} results hidden by filters — show all",
                                              self.hidden).format(n=self.hidden))
            self.hidden_link.setAccessibleName(self.hidden_link.text())
        self.hidden_link.setVisible(bool(self.hidden))
        self.setVisible(bool(active))
