"""The installed PySide6 keeps Python's reference counts straight.

PySide6-Essentials 6.12.0 on Python 3.11 returns ``None`` from every void method, and
``True`` from ``Signal.emit()``, without taking a reference: after a few thousand calls
the interpreter aborts ("none_dealloc: deallocating None"). pyproject.toml excludes that
release; this test fails if such a build is installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit


class Sender(QObject):
    changed = Signal(int)


def test_void_methods_keep_the_reference_count_of_none(qtbot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    before = sys.getrefcount(None)
    for _ in range(500):
        field.clear()
    assert abs(sys.getrefcount(None) - before) < 50  # a broken build loses 500


def test_emit_keeps_the_reference_count_of_true() -> None:
    sender = Sender()
    sender.changed.connect(lambda _n: None)
    before = sys.getrefcount(True)
    for n in range(100):
        sender.changed.emit(n)
    assert abs(sys.getrefcount(True) - before) < 10  # a broken build loses 100
