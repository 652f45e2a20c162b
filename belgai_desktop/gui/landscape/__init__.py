"""The landscape views in the desktop app: the governance map, the timeline and the regions
side by side (a window of their own), and the neighbourhood map beside each record page.

:func:`install` is the one hook the main window calls: it adds the View menu entries and
their shortcuts, the neighbourhood panel, and follows the window's language.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence

from belgai_desktop.core.i18n import gettext as _

SHORTCUTS = {"map": ("Ctrl+M", "Ctrl+6"), "timeline": ("Ctrl+7",), "compare": ("Ctrl+8",)}
GEOMETRY_KEY = "landscape/geometry"  # settings not listed in gui/settings.py are kept as they are


class Landscape(QObject):
    """What :func:`install` adds to a main window (kept as ``window.landscape``)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        window.installEventFilter(self)  # its close saves the settings: ours go in first
        self.landscape_window: Any = None
        self.actions: dict[str, QAction] = {}
        window.view_menu.addSeparator()
        for view, keys in SHORTCUTS.items():
            action = QAction(window)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.triggered.connect(lambda checked=False, view=view: self.show(view))
            window.addAction(action)
            window.view_menu.addAction(action)
            self.actions[view] = action
        from belgai_desktop.gui.landscape.neighbourhood import install_neighbourhood

        self.neighbourhood = install_neighbourhood(window)
        window.language_group.triggered.connect(lambda _action: self.retranslate())
        self.retranslate()

    def retranslate(self) -> None:
        texts = {"map": (_("Governance &map"), _("Who does what: bodies, plans and programmes by level")),
                 "timeline": (_("Tim&eline"), _("Every dated fact and event on a time axis")),
                 "compare": (_("Regions &side by side"),
                             _("Federal, Flanders, Wallonia and Brussels-Capital compared"))}
        for view, (text, tip) in texts.items():
            self.actions[view].setText(text)
            self.actions[view].setStatusTip(tip)
            self.actions[view].setToolTip(tip)
        if self.landscape_window is not None:
            self.landscape_window.retranslate(self.window.lang)
        self.neighbourhood.retranslate(self.window.lang)

    def open_window(self) -> Any:
        if self.landscape_window is None:
            from belgai_desktop.gui.landscape.window import LandscapeWindow

            # A window of its own, owned by the main window: it closes with it and never keeps
            # the app running alone.
            w = LandscapeWindow(self.window.library, self.window.lang, self.window, self.window.settings)
            w.record_requested.connect(self.window.open_record)
            self._add_views(w)
            geometry = self.window.settings.value(GEOMETRY_KEY)
            if isinstance(geometry, QByteArray):
                w.restoreGeometry(geometry)
            self.landscape_window = w
        return self.landscape_window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.remember()
        return False

    def remember(self) -> None:
        """Keep the landscape window's place and size in the settings (written by the main window)."""
        if self.landscape_window is not None:
            self.window.settings.setValue(GEOMETRY_KEY, self.landscape_window.saveGeometry())

    def _add_views(self, w: Any) -> None:
        from belgai_desktop.gui.landscape import extra_views

        for name, panel in extra_views.panels(self.window.library, self.window.lang):
            panel.record_requested.connect(self.window.open_record)
            w.add_view(name, panel)

    def show(self, view: str) -> None:
        self.open_window().show_view(view)


def install(window: Any) -> Landscape:
    """Add the landscape views to ``window`` (a MainWindow); returns what was added."""
    window.landscape = Landscape(window)
    return window.landscape
