"""The neighbourhood beside the record page: a small map of the record on screen and the
records it is directly related to (any kind), clickable like the big map.

A dock at the bottom of the main window that follows the record shown (it listens to the
page being replaced, so the main window needs no other hook).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QLabel, QVBoxLayout, QWidget

from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.landscape.layout import Metrics
from belgai_desktop.gui.landscape.map_view import MapView

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum"
SMALL = Metrics(width=1000.0, band_label=64.0, gap_x=40.0, gap_y=40.0)


class NeighbourhoodDock(QDockWidget):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("neighbourhood")  # saveState/restoreState know it by this name
        self.view = MapView()
        self.view.setMinimumHeight(150)
        self.view.record_requested.connect(self._open)
        # Shown instead of the map when no record is open (the start page): one line, not an
        # empty box a sixth of the window high.
        self.hint = QLabel()
        self.hint.setContentsMargins(6, 2, 6, 2)
        self.hint.setEnabled(False)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(self.hint)
        self.setWidget(box)
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.shown: tuple[str | None, str] = (None, "")

    def _open(self, record_id: str) -> None:
        if record_id != self.window_.current_record:
            self.window_.open_record(record_id)

    def retranslate(self, lang: str) -> None:
        self.setWindowTitle(_("Neighbourhood: direct relations of this record"))
        self.view.setAccessibleName(_("Neighbourhood map"))
        self.shown = (None, "")
        self.follow()

    def follow(self) -> None:
        """Show the neighbourhood of the window's current record (once per record and language)."""
        record_id, lang = self.window_.current_record, self.window_.lang
        if (record_id, lang) == self.shown:
            return
        self.shown = (record_id, lang)
        library = self.window_.library
        if not record_id or not library.exists(record_id):
            self.view.set_map(library.landscape.graph(lang, kinds=()), _empty_layout(), {})
            self.view.hide()
            self.hint.setText(_("Open a record to see the records it is directly related to."))
            self.hint.show()
            # Also when the window's saved layout gives the dock a map's height.
            self.widget().setMaximumHeight(self.hint.sizeHint().height())
            return
        self.widget().setMaximumHeight(QWIDGETSIZE_MAX)
        self.hint.hide()
        self.view.show()
        land = library.landscape
        graph = land.neighbourhood(record_id, lang)
        layout = land.layout(graph, SMALL, cache=False)
        self.view.set_map(graph, layout, land.labels(graph))
        self.view.select(record_id)
        # Readable rather than whole: at print size, centred on the record (scroll or zoom for more).
        self.view.resetTransform()
        self.view.scale(1.15, 1.15)
        self.view.centerOn(self.view.items_[record_id])


def _empty_layout() -> Any:
    from belgai_desktop.core.landscape.layout import Layout

    return Layout(metrics=SMALL)


def install_neighbourhood(window: Any) -> NeighbourhoodDock:
    dock = NeighbourhoodDock(window)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.view_menu.addAction(dock.toggleViewAction())  # closed, it comes back from View
    window.page.textChanged.connect(lambda: QTimer.singleShot(0, dock.follow))
    return dock
