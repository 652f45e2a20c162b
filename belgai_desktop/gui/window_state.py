"""What the main window remembers between runs (size and place, panes, page zoom) and
the rule that it always fits the screen it opens on. A mixin of
:class:`belgai_desktop.gui.main_window.MainWindow`, like the other ``window_*`` modules.

Search filters are deliberately not restored: a filter left on yesterday silently hid
today's results ("BOSA" gave nothing with Wallonia on). Each run starts with all kinds
and all levels; a saved search keeps its filters for whoever wants them back.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import QMainWindow

from belgai_desktop.gui import settings as keys

DEFAULT_SIZE = (1200, 780)
DEFAULT_PANES = [460, 740]


def fit_rect(wanted: QRect, available: QRect) -> QRect:
    """``wanted`` made no larger than ``available`` and moved inside it."""
    width = min(wanted.width(), available.width())
    height = min(wanted.height(), available.height())
    x = min(max(wanted.x(), available.x()), available.x() + available.width() - width)
    y = min(max(wanted.y(), available.y()), available.y() + available.height() - height)
    return QRect(x, y, width, height)


class WindowState(QMainWindow):
    """Size and place, panes and page zoom remembered; the frame always on the screen."""

    def fit_to_screen(self, available: QRect | None = None) -> None:
        """Shrink and move the window so that all of its frame is on the screen's available area
        (at 200 % scaling the default and a saved size can be larger than the screen)."""
        if available is None:
            screen = self.screen() or QGuiApplication.primaryScreen()
            if screen is None:
                return
            available = screen.availableGeometry()
        frame = self.frameGeometry()
        extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
        fitted = fit_rect(frame, available)
        if fitted != frame:
            self.resize(max(fitted.width() - extra_w, 100), max(fitted.height() - extra_h, 100))
            self.move(fitted.topLeft())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_to_screen()  # now that the frame is known

    def restore_state(self) -> None:
        s = self.settings
        geometry = keys.blob(s, keys.GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
        self.fit_to_screen()
        state = keys.blob(s, keys.STATE)
        if state is not None:
            self.restoreState(state)
        sizes = keys.numbers(s, keys.SPLITTER)
        self.splitter.setSizes(sizes if len(sizes) == 2 and all(sizes) else DEFAULT_PANES)
        self.set_zoom(keys.number(s, keys.PAGE_ZOOM))

    def save_state(self) -> None:
        s = self.settings
        s.setValue(keys.GEOMETRY, self.saveGeometry())
        s.setValue(keys.STATE, self.saveState())
        s.setValue(keys.SPLITTER, self.splitter.sizes())
        s.setValue(keys.PAGE_ZOOM, self.page.zoom)
        s.sync()
