"""The GUI's end of the message bridge (:mod:`belgai_desktop.core.messages`).

The core may report a warning from any thread (the search worker, an index build); a widget
may only be touched on the GUI thread. So the handler does nothing but emit a Qt signal from
the object that lives on the GUI thread: Qt delivers it there (queued when it comes from
another thread, at once when it comes from the GUI thread itself), as qutebrowser's
``message.global_bridge`` does.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from belgai_desktop.core import messages


class MessageBridge(QObject):
    """Receives the core's messages from any thread; ``shown(level, text)`` is emitted on
    the thread this object lives on (create it on the GUI thread)."""

    shown = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        messages.add_handler(self._relay)
        relay = self._relay
        # A window deleted without being closed must not leave its handler behind.
        self.destroyed.connect(lambda: messages.remove_handler(relay))

    def _relay(self, level: str, text: str) -> None:
        try:
            self.shown.emit(level, text)
        except RuntimeError:  # deleted meanwhile on the GUI thread: nobody left to show it
            messages.remove_handler(self._relay)

    def close(self) -> None:
        """Stop receiving messages (the window is closing)."""
        messages.remove_handler(self._relay)
