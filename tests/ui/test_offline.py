"""The app never opens a network connection: using it with every socket refused works."""

from __future__ import annotations

import socket

import pytest

from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network access attempted by the app")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, a))  # type: ignore[arg-type]
    return attempts


def test_app_makes_no_network_connection(qtbot, no_network, make_window) -> None:
    window = make_window()
    window.open_record("test-ministry")
    window.language_actions["nl"].trigger()
    window.open_record("test-plan")
    window.back_action.trigger()
    window.live.warm_up()
    window.live.wait()
    assert no_network == []


def test_the_guard_itself_works(no_network) -> None:
    with pytest.raises(OSError):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    assert no_network
