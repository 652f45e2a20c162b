"""The message bridge: a warning the core raises on a worker thread reaches the status bar,
shown by the GUI thread (a widget touched from another thread can crash the app)."""

from __future__ import annotations

import threading

import pytest

from belgai_desktop.core import messages
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def test_a_warning_from_a_worker_thread_shows_in_the_status_bar_on_the_gui_thread(qtbot, window) -> None:
    shown_on: list[threading.Thread] = []
    # messageChanged is emitted inside showMessage, on the thread that called it.
    window.statusBar().messageChanged.connect(lambda _text: shown_on.append(threading.current_thread()))
    text = "the search index cannot be saved: the cache folder is full"
    worker = threading.Thread(target=messages.warning, args=(text,))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == text)
    assert shown_on and all(t is threading.main_thread() for t in shown_on)


def test_a_message_from_the_gui_thread_shows_at_once(window) -> None:
    messages.error("There is no record “nowhere”.")
    assert window.statusBar().currentMessage() == "There is no record “nowhere”."


def test_a_closed_window_no_longer_receives_messages(qtbot, window) -> None:
    window.close()
    messages.warning("after the window closed")
    assert window.statusBar().currentMessage() != "after the window closed"
