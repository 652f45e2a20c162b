"""Fixtures for the desktop app tests: a main window over the fixture database, with its
own settings file (the autouse fixture in tests/conftest.py isolates BELGAI_CONFIG_DIR)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

# The offscreen platform warns about window-manager hints it cannot honour.
OFFSCREEN_NOISE = "This plugin does not support"


@pytest.fixture
def make_window(qtbot, fixture_library) -> Iterator[Callable[..., object]]:
    """Start the app like ``belgai`` does (language, translators, window); closed at teardown."""
    from belgai_desktop.gui.app import start
    from belgai_desktop.gui.language import apply_language

    windows = []

    def make(lang: str | None = None, record: str | None = None):
        _app, window = start(lang=lang, record=record, library=fixture_library)
        qtbot.addWidget(window)
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.live.wait()
    apply_language("en")


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def bundled_window(qtbot, library):
    """The app over the bundled data, its search index loaded and warmed up; closed at teardown."""
    from belgai_desktop.gui.app import start

    _app, window = start(lang="en", library=library)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    window.live.warm_up()
    qtbot.waitUntil(lambda: not window.live.is_busy(), timeout=120_000)  # the search index, once
    yield window
    window.close()
