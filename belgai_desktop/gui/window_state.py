"""What the main window remembers between runs (size and place, panes, page zoom) and
the rule that it always fits the screen it opens on.

Search filters are deliberately not restored: a filter left on yesterday silently hid
today's results ("BOSA" gave nothing with Wallonia on). Each run starts with all kinds
and all levels; a saved search keeps its filters for whoever wants them back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

from belgai_desktop.gui import settings as keys

if TYPE_CHECKING:
    from belgai_desktop.gui.main_window import MainWindow

DEFAULT_SIZE = (1200, 780)
DEFAULT_PANES = [460, 740]


def fit_rect(wanted: QRect, available: QRect) -> QRect:
    """``wanted`` made no larger than ``available`` and moved inside it."""
    width = min(wanted.width(), available.width())
    height = min(wanted.height(), available.height())
    x = min(max(wanted.x(), available.x()), available.x() + available.width() - width)
    y = min(max(wanted.y(), available.y()), available.y() + available.height() - height)
    return QRect(x, y, width, height)


def fit_to_screen(window: MainWindow, available: QRect | None = None) -> None:
    """Shrink and move the window so that all of its frame is on the screen's available area
    (at 200 % scaling the default and a saved size can be larger than the screen)."""
    if available is None:
        screen = window.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        available = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    fitted = fit_rect(frame, available)
    if fitted != frame:
        window.resize(max(fitted.width() - extra_w, 100), max(fitted.height() - extra_h, 100))
        window.move(fitted.topLeft())


def restore(window: MainWindow) -> None:
    s = window.settings
    geometry = keys.blob(s, keys.GEOMETRY)
    if geometry is None or not window.restoreGeometry(geometry):
        window.resize(*DEFAULT_SIZE)
    fit_to_screen(window)
    state = keys.blob(s, keys.STATE)
    if state is not None:
        window.restoreState(state)
    sizes = keys.numbers(s, keys.SPLITTER)
    window.splitter.setSizes(sizes if len(sizes) == 2 and all(sizes) else DEFAULT_PANES)
    window.set_zoom(keys.number(s, keys.PAGE_ZOOM))


def save(window: MainWindow) -> None:
    s = window.settings
    s.setValue(keys.GEOMETRY, window.saveGeometry())
    s.setValue(keys.STATE, window.saveState())
    s.setValue(keys.SPLITTER, window.splitter.sizes())
    s.setValue(keys.PAGE_ZOOM, window.page.zoom)
    s.sync()
