"""The message bridge: the core reports warnings and errors here; the UI decides how to show them.

The CLI installs a handler that prints one line to stderr; the GUI one that shows a
status-bar message. Without a handler, messages go to the ``logging`` module.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

Handler = Callable[[str, str], None]  # (level, text) with level "warning" or "error"
_handlers: list[Handler] = []
log = logging.getLogger("belgai")


def add_handler(handler: Handler) -> None:
    _handlers.append(handler)


def remove_handler(handler: Handler) -> None:
    if handler in _handlers:
        _handlers.remove(handler)


def _emit(level: str, text: str) -> None:
    if not _handlers:
        log.log(logging.WARNING if level == "warning" else logging.ERROR, text)
    for handler in list(_handlers):
        handler(level, text)


def warning(text: str) -> None:
    _emit("warning", text)


def error(text: str) -> None:
    _emit("error", text)
