"""The search controls: the search bar (field, kind filter, level filter) at the top of the
window, and the results panel (count, clickable "did you mean", the hits, or an empty state
that says what to try).

The search field keeps the keyboard: Up/Down/PageUp/PageDown move in the results, Enter
opens the current one, Escape clears the field.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, unquote

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from belgai_desktop.core.data import vocab
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.i18n import ngettext
from belgai_desktop.core.text import labels
from belgai_desktop.gui.filter_chips import FilterChips
from belgai_desktop.gui.navigator import LEVEL_ORDER
from belgai_desktop.gui.results import ResultsView

# Quoted examples in a tip, in each language's quotation marks: “BOSA”, « BOSA », „BOSA“
# (French spaces, no-break ones too, stay outside the link, so they are not underlined).
_QUOTED = re.compile(r"(“|«\s*|„)([^”»“\s](?:[^”»“]*[^”»“\s])?)(\s*»|”|“)")


def _example_links(escaped: str) -> str:
    """Each quoted example of an (escaped) tip made a link that runs that search."""
    return _QUOTED.sub(
        lambda m: f'{m.group(1)}<a href="search:{quote(m.group(2))}">{m.group(2)}</a>{m.group(3)}', escaped)


class SearchField(QLineEdit):
    """The search box; moves the selection of ``results`` without losing focus."""

    open_requested = Signal()

    def __init__(self, results: ResultsView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._results = results
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10}
            if key in steps and not event.modifiers() & Qt.KeyboardModifier.AltModifier:
                self._results.move(steps[key])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_requested.emit()
                return True
            if key == Qt.Key.Key_Escape and self.text():
                self.clear()
                return True
        return super().eventFilter(watched, event)


class SearchBar(QWidget):
    """Search field and the two filters; ``changed`` whenever any of them changes."""

    changed = Signal()

    def __init__(self, results: ResultsView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = SearchField(results, self)
        self.kind = QComboBox(self)
        self.level = QComboBox(self)
        for combo in (self.kind, self.level):
            combo.currentIndexChanged.connect(self.changed)
        self.field.textChanged.connect(self.changed)
        # The filters sit above the results (the window places ``filters``), so the search
        # field keeps the whole width of the toolbar even at 200 % text size.
        self.filters = QWidget()
        self.kind_label = QLabel(self.filters)
        self.kind_label.setBuddy(self.kind)
        self.level_label = QLabel(self.filters)
        self.level_label.setBuddy(self.level)
        filters = QHBoxLayout(self.filters)
        filters.setContentsMargins(4, 2, 4, 2)
        for label, combo in ((self.kind_label, self.kind), (self.level_label, self.level)):
            combo.setParent(self.filters)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            filters.addWidget(label)
            filters.addWidget(combo, 1)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.addWidget(self.field, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    @property
    def query(self) -> str:
        return self.field.text()

    @property
    def kind_filter(self) -> str | None:
        return self.kind.currentData() or None

    @property
    def level_filter(self) -> str | None:
        return self.level.currentData() or None

    def active_filters(self) -> list[tuple[str, str]]:
        """(filter, shown value) for each filter that is on, for the chips."""
        out = []
        for name, combo in (("kind", self.kind), ("level", self.level)):
            if combo.currentData():
                out.append((name, combo.currentText().strip()))
        return out

    def clear_filter(self, name: str) -> None:
        combo = self.kind if name == "kind" else self.level
        combo.setCurrentIndex(max(combo.findData(""), 0))

    def set_filters(self, kind: str | None, level: str | None) -> None:
        for combo, value in ((self.kind, kind), (self.level, level)):
            index = combo.findData(value or "")
            combo.setCurrentIndex(max(index, 0))

    def retranslate(self, shortcut_hint: str) -> None:
        self.field.setPlaceholderText(
            _("Search bodies, plans, people, laws… ({shortcut})").format(shortcut=shortcut_hint))
        self.field.setAccessibleName(_("Search"))
        self.field.setToolTip(_("Type words in any of the four languages; results appear as you type. "
                                "Up and Down choose a result, Enter opens it."))
        self.kind_label.setText(_("&Kind:"))
        self.level_label.setText(_("&Level:"))
        self.kind.setAccessibleName(_("Filter by kind"))
        self.kind.setToolTip(_("Show only results of this kind"))
        self.level.setAccessibleName(_("Filter by government level"))
        self.level.setToolTip(_("Show only results from this government level"))
        kind, level = self.kind_filter, self.level_filter
        for combo in (self.kind, self.level):
            combo.blockSignals(True)
            combo.clear()
        self.kind.addItem(_("All kinds"), "")
        for group, kinds in vocab.KIND_GROUPS.items():
            self.kind.addItem(labels.group_label(group), group)
            if len(kinds) > 1:
                for k in kinds:
                    self.kind.addItem("    " + labels.kind_label(k), k)
        self.level.addItem(_("All levels"), "")
        for lvl in LEVEL_ORDER:
            self.level.addItem(labels.level_label(lvl), lvl)
        self.set_filters(kind, level)
        for combo in (self.kind, self.level):
            combo.blockSignals(False)


class ResultsPanel(QWidget):
    """Result count, "did you mean", and the hits or the empty state."""

    suggestion_clicked = Signal(str)

    def __init__(self, results: ResultsView, filters: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results = results
        self.filters = filters
        self.chips = FilterChips(self)
        self.count = QLabel(self)
        self.count.setWordWrap(True)
        self.count.setIndent(6)
        self.suggestion = QPushButton(self)
        self.suggestion.setFlat(True)
        self.suggestion.setCursor(Qt.CursorShape.PointingHandCursor)
        self.suggestion.setStyleSheet("text-align: left; text-decoration: underline;")
        self.suggestion.clicked.connect(lambda: self.suggestion_clicked.emit(self._suggestion))
        self.suggestion.hide()
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.setMargin(8)
        self.empty.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.empty.linkActivated.connect(
            lambda href: self.suggestion_clicked.emit(unquote(href.removeprefix("search:"))))
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(results)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(filters)
        layout.addWidget(self.chips)
        layout.addWidget(self.count)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.stack, 1)
        self._suggestion = ""
        self._query = ""
        self._result: Any = None
        self._filtered = False
        self.show_start()

    def show_start(self) -> None:
        self._query, self._result = "", None
        self.results.show_hits([])
        self.stack.setCurrentWidget(self.empty)
        self.count.hide()
        self._set_suggestion("")
        self._fill_empty()

    def show_result(self, result: Any, filtered: bool) -> None:
        self._query, self._result, self._filtered = result.query, result, filtered
        self.results.show_hits(result.hits)
        self._set_suggestion(result.suggestion or "")
        self.count.show()
        self._fill_count()
        self.stack.setCurrentWidget(self.results if result.hits else self.empty)
        self._fill_empty()

    def _set_suggestion(self, text: str) -> None:
        self._suggestion = text
        self.suggestion.setVisible(bool(text))
        self._fill_suggestion()

    def _fill_count(self) -> None:
        if self._result is not None:
            n = self._result.total
            self.count.setText(ngettext("{n} result", "{n} results", n).format(n=n))

    def _fill_suggestion(self) -> None:
        if self._suggestion:
            self.suggestion.setText(_("Did you mean: {suggestion}?").format(suggestion=self._suggestion))
            self.suggestion.setAccessibleName(self.suggestion.text())
            tip = _("Search for “{suggestion}” instead").format(suggestion=self._suggestion)
            self.suggestion.setToolTip(tip)

    def _fill_empty(self) -> None:
        import html

        examples = 0  # the first tips hold example searches, made links
        if self._result is not None and not self._query:
            head = _("No record matches these filters.")
            tips = [_("Remove a filter above, or choose another kind or level.")]
        elif self._query:
            head = _("No results for “{query}”.").format(query=self._query)
            tips = [_("Check the spelling, or try fewer or other words."),
                    _("Names work in English, Dutch, French and German, and so do acronyms such as BOSA.")]
            if self._filtered:
                tips.append(_("Set the kind and level filters back to “All”."))
            tips.append(_("Or browse by government level in the “By level” tab."))
        else:
            head = _("Type to search the reference.")
            tips = [_("A name or an acronym: “BOSA”, “AI4Belgium”, “VLAIO”."),
                    _("A topic: “ethics”, “budget”, “data protection”, “AI Act”."),
                    _("A person: “Vanessa Matz”."),
                    _("Or browse without searching in the “By level” and “Government” tabs.")]
            examples = 3
        items = "".join(f"<li>{_example_links(t) if i < examples else t}</li>"
                        for i, t in enumerate(html.escape(t, quote=False) for t in tips))
        self.empty.setText(f"<p><b>{html.escape(head)}</b></p><ul>{items}</ul>")

    def retranslate(self) -> None:
        self.results.setAccessibleName(_("Search results"))
        self.count.setAccessibleName(_("Number of results"))
        self._fill_count()
        self._fill_suggestion()
        self._fill_empty()
