"""Starts the desktop app: ``belgai`` with no command calls :func:`run`.

Start-up order (qutebrowser's habit, written down so nobody reorders it by accident):

1. Parse the command line — done by :mod:`belgai_desktop.cli` before calling :func:`run`.
2. Open the database (a clear one-line message and exit code 2 if it is unusable).
3. Check there is a display; without one, say how to run headless and return 2.
4. Choose the language: ``--lang``, else the one saved in the settings, else the system
   locale (:func:`belgai_desktop.core.i18n.system_language`).
5. Create the ``QApplication``.
6. Install the translators — our gettext catalog and Qt's ``qtbase_<lang>.qm`` — and set
   the default ``QLocale`` (:func:`belgai_desktop.gui.language.apply_language`).
7. Import and show the main window; only then load what is heavy (the search index is
   opened in the background, babel on the first record page).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from belgai_desktop.core.errors import BelgaiError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from belgai_desktop.core.library import Library
    from belgai_desktop.gui.main_window import MainWindow

EXIT_ERROR = 2
WARM_UP_DELAY_MS = 100
NO_DISPLAY = ("belgai: no display found{reason}, so the desktop app cannot open. Run it in a desktop "
              "session, under a virtual display (`xvfb-run belgai`), or use the command-line tools "
              "(`belgai --help`: show, list, search, print).")


def _say(text: str) -> None:
    sys.stderr.write(text.rstrip("\n") + "\n")
    sys.stderr.flush()


def has_display() -> bool:
    """False on a Linux/BSD machine with no X11 or Wayland display and no platform chosen."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _install_startup_handler() -> None:
    """Until the window shows, hold Qt's messages back. If the platform plugin cannot start
    (a DISPLAY that points nowhere, a missing system library), Qt aborts the process: turn
    that into our one line, with Qt's reasons in it, and exit code 2."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    held: list[str] = []

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if kind == QtMsgType.QtFatalMsg:
            reasons = "; ".join(line.strip().rstrip(".") for line in held if line.strip())
            _say(NO_DISPLAY.format(reason=f" ({reasons})" if reasons else ""))
            os._exit(EXIT_ERROR)
        if kind != QtMsgType.QtDebugMsg:
            held.append(message)

    qInstallMessageHandler(handler)


def _restore_message_handler() -> None:
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(None)


def choose_language(lang: str | None) -> str:
    from belgai_desktop.core import i18n
    from belgai_desktop.gui import settings

    return lang or settings.saved_language(settings.open_settings()) or i18n.system_language()


def start(lang: str | None = None, record: str | None = None, database: Path | None = None,
          library: Library | None = None) -> tuple[QApplication, MainWindow]:
    """Steps 2 and 4–7 of the start-up order; returns the app and the shown window."""
    if library is None:
        from belgai_desktop.core.library import Library

        library = Library(database)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from belgai_desktop.gui import settings
    from belgai_desktop.gui.language import apply_language

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("BelgAI Desktop")
    app.setOrganizationName("BelgAI")
    app.setDesktopFileName("belgai-desktop")
    from belgai_desktop.printing.layout import register_bundled_fonts

    register_bundled_fonts()
    lang = apply_language(choose_language(lang))

    from belgai_desktop.gui.main_window import MainWindow

    window = MainWindow(library, settings.open_settings(), lang)
    if record:
        window.open_record(record)
    window.show()
    window.activateWindow()
    # Load the search index once the window has painted, so it never delays the first frame.
    QTimer.singleShot(WARM_UP_DELAY_MS, window.live.warm_up)
    return app, window


def run(lang: str | None = None, record: str | None = None, database: Path | None = None) -> int:
    """Open the desktop app and run it until the window closes; the exit code."""
    try:
        from belgai_desktop.core.library import Library

        library = Library(database)
        if record and not library.exists(record):
            _say(f"belgai: no record with id {record!r} (try `belgai list` or `belgai search`)")
            return EXIT_ERROR
    except BelgaiError as exc:
        _say(f"belgai: {exc}")
        return EXIT_ERROR
    if not has_display():
        _say(NO_DISPLAY.format(reason=""))
        return EXIT_ERROR
    try:
        import PySide6.QtWidgets  # noqa: F401
    except ImportError as exc:
        _say(f"belgai: the desktop app cannot start: {exc} (check that PySide6 is installed)")
        return EXIT_ERROR
    _install_startup_handler()
    app, window = start(lang, record, database, library)
    _restore_message_handler()
    if os.environ.get("BELGAI_QUIT_AFTER_SHOW"):  # start-up benchmarks and smoke tests: close once shown
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, window.close)
    return app.exec()
