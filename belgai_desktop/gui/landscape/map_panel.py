"""The map tab: filters (level, kind, relation) over the map view, and its legend below.

Builds the graph and its (cached) layout through ``library.landscape`` whenever a filter or
the language changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from belgai_desktop.core.data import vocab
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.landscape.graph import BANDS, DEFAULT_KINDS, KEY_RELATIONS, MapGraph
from belgai_desktop.core.library import Library
from belgai_desktop.core.text import phrases
from belgai_desktop.core.text.labels import level_label, relation_label
from belgai_desktop.gui.landscape.map_view import MapView
from belgai_desktop.printing.landscape_map import legend_items

KIND_CHOICES: dict[str, frozenset[str]] = {
    "default": DEFAULT_KINDS,
    "body": frozenset(vocab.KIND_GROUPS["body"]),
    "strategy": frozenset(vocab.KIND_GROUPS["strategy"]) | frozenset(vocab.KIND_GROUPS["law"]),
    "all": frozenset(vocab.KINDS),
}
OTHER = "other"


class MapPanel(QWidget):
    record_requested = Signal(str)

    def __init__(self, library: Library, lang: str, settings: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library, self.lang, self.settings = library, lang, settings
        self.level = QComboBox()
        self.kind = QComboBox()
        self.relation = QComboBox()
        self.view = MapView()
        self.view.record_requested.connect(self.record_requested)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        bar = QHBoxLayout()
        self.level_label, self.kind_label, self.relation_label = QLabel(), QLabel(), QLabel()
        for label, combo in ((self.level_label, self.level), (self.kind_label, self.kind),
                             (self.relation_label, self.relation)):
            label.setBuddy(combo)
            bar.addWidget(label)
            bar.addWidget(combo)
            combo.currentIndexChanged.connect(self.refresh)
        bar.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addLayout(bar)
        column.addWidget(self.view, 1)
        column.addWidget(self.legend)
        self.graph = MapGraph(lang=lang)
        self._restoring = True
        self.retranslate(lang)
        self._restore()

    def _combos(self) -> dict[str, QComboBox]:
        return {"landscape/map_level": self.level, "landscape/map_kind": self.kind,
                "landscape/map_relation": self.relation}

    def _restore(self) -> None:
        """The filters chosen last time (a value that is not one of the choices is ignored)."""
        if self.settings is not None:
            for key, combo in self._combos().items():
                k = combo.findData(self.settings.value(key)) if self.settings.value(key) else -1
                if k >= 0:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(k)
                    combo.blockSignals(False)
        self._restoring = False
        self.refresh()

    def _remember(self) -> None:
        if self.settings is not None and not self._restoring:
            for key, combo in self._combos().items():
                self.settings.setValue(key, combo.currentData() or "")

    def _fill(self, combo: QComboBox, items: list[tuple[str, str | None]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        k = combo.findData(current)
        combo.setCurrentIndex(k if k >= 0 else 0)
        combo.blockSignals(False)

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.level_label.setText(_("&Level:"))
        self.kind_label.setText(_("&Kind:"))
        self.relation_label.setText(_("&Relation:"))
        self._fill(self.level, [(_("All levels"), None)] + [(level_label(b), b) for b in BANDS])
        self._fill(self.kind, [(_("Bodies, plans, programmes and laws"), "default"), (_("Bodies only"), "body"),
                               (_("Strategies, plans, programmes and laws"), "strategy"),
                               (_("Everything (with people and events)"), "all")])
        self._fill(self.relation, [(_("All relations"), None)] + [(relation_label(r), r) for r in KEY_RELATIONS]
                   + [(_("Other relations"), OTHER)])
        self.view.setAccessibleName(_("Governance map"))
        self.refresh()

    def filters(self) -> tuple[list[str] | None, frozenset[str], list[str] | None]:
        level = self.level.currentData()
        kinds = KIND_CHOICES.get(self.kind.currentData() or "default", DEFAULT_KINDS)
        relation = self.relation.currentData()
        if relation == OTHER:
            relations = [r for r in vocab.RELATIONS if r not in KEY_RELATIONS]
        else:
            relations = [relation] if relation else None
        return ([level] if level else None), kinds, relations

    def refresh(self) -> None:
        if self._restoring:
            return
        self._remember()
        levels, kinds, relations = self.filters()
        land = self.library.landscape
        self.graph = land.graph(self.lang, levels=levels, kinds=kinds, relations=relations)
        layout = land.layout(self.graph)
        self.view.set_map(self.graph, layout, land.labels(self.graph))
        parts = []
        for what, label, colour in legend_items(self.graph):
            if what == "group":
                swatch = f'<span style="background:{colour}; border:1px solid #34495e;">&nbsp;&nbsp;&nbsp;&nbsp;</span>'
            else:
                dash = "- - -" if what == "other" else "\u2014\u2014"
                swatch = f'<span style="color:{colour}; font-weight:bold;">{dash}\u25b8</span>'
            parts.append(f"{swatch}&nbsp;{label}")
        parts.append(phrases.translation_legend())
        parts.append(_("Click or Enter: open the record · arrows, Tab: move · Ctrl+wheel: zoom"))
        self.legend.setText(" &nbsp; ".join(parts))
