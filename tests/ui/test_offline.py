"""The app never opens a network connection: a session of reading, searching, changing the
language and printing works with every network door shut, and knocks on none of them.

Three doors are watched, because the app has three ways out:

- Python's sockets: an audit hook (``sys.addaudithook``) hears every socket Python creates,
  binds or connects and every name it looks up, whichever module asks; ``connect`` is refused.
- Qt's network layer (QtNetwork: QNetworkAccessManager, QTcpSocket…, which Qt's own code may
  use without Python knowing): an application proxy factory hears every connection Qt is about
  to make and refuses it (only an unusable proxy: Qt gives up with an error, connects nowhere).
- Anything else in the process (C code): the internet sockets (TCP, UDP, raw; IPv4 and IPv6)
  the process holds, from ``/proc/self/fd`` and ``/proc/self/net``, are the same after the
  session as before.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

# Python's audit events for network use (https://docs.python.org/3/library/audit_events.html).
NETWORK_EVENTS = frozenset({"socket.__new__", "socket.bind", "socket.connect", "socket.getaddrinfo",
                            "socket.gethostbyname", "socket.gethostbyaddr", "socket.sendto"})
_watch: list[list[tuple[str, object]]] = []  # the attempts list of the test running, if any


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _watch and event in NETWORK_EVENTS:
        _watch[-1].append((event, args))
        if event == "socket.connect":
            raise OSError("network access attempted by the app")


sys.addaudithook(_audit)  # cannot be removed: it listens only while a test watches


def internet_sockets() -> set[str]:
    """The inodes of the internet sockets this process holds open."""
    inet: set[str] = set()
    for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
        path = Path("/proc/self/net") / table
        if path.exists():
            for line in path.read_text().splitlines()[1:]:
                inet.add(line.split()[9])
    held = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue  # closed meanwhile
        if target.startswith("socket:["):
            held.add(target[len("socket:["):-1])
    return held & inet


@pytest.fixture
def no_network(qapp) -> Iterator[list[tuple[str, object]]]:
    """Every network door shut; yields the list of attempts (empty: the app stayed offline)."""
    from PySide6.QtNetwork import QNetworkProxy, QNetworkProxyFactory, QNetworkProxyQuery

    attempts: list[tuple[str, object]] = []

    class Refuse(QNetworkProxyFactory):
        def queryProxy(self, query: QNetworkProxyQuery = QNetworkProxyQuery()) -> list:  # noqa: B008 - Qt's signature
            attempts.append(("qt", query.url().toString() or f"{query.peerHostName()}:{query.peerPort()}"))
            # A proxy no connection can use (an FTP cache, for HTTP or a plain socket): Qt finds no
            # suitable way out and gives up with an error, connecting nowhere.
            return [QNetworkProxy(QNetworkProxy.ProxyType.FtpCachingProxy, "refused.invalid", 1)]

    factory = Refuse()
    QNetworkProxyFactory.setApplicationProxyFactory(factory)
    before = internet_sockets()
    _watch.append(attempts)
    try:
        yield attempts
        attempts.extend(("open internet socket", inode) for inode in internet_sockets() - before)
    finally:
        _watch.remove(attempts)
        QNetworkProxyFactory.setApplicationProxyFactory(None)


def test_app_makes_no_network_connection(qtbot, no_network, make_window, tmp_path) -> None:
    from belgai_desktop.printing import write_pdf

    window = make_window()
    window.open_record("test-ministry")
    window.language_actions["nl"].trigger()
    window.open_record("test-plan")
    window.back_action.trigger()
    window.live.warm_up()
    window.live.wait()
    write_pdf(window.library, "test-plan", "nl", tmp_path / "plan.pdf")
    assert (tmp_path / "plan.pdf").stat().st_size > 0
    assert no_network == []


def test_the_python_guard_hears_and_refuses_a_connection(no_network) -> None:
    with pytest.raises(OSError):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    assert any(event == "socket.connect" for event, _ in no_network)


def test_the_qt_guard_hears_and_refuses_a_request(qtbot, no_network) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest

    manager = QNetworkAccessManager()
    reply = manager.get(QNetworkRequest(QUrl("http://192.0.2.1/")))
    qtbot.waitUntil(reply.isFinished, timeout=5000)
    assert reply.error() == QNetworkReply.NetworkError.ProxyNotFoundError, reply.errorString()
    assert any(kind == "qt" for kind, _ in no_network)


def test_an_open_internet_socket_is_seen() -> None:
    before = internet_sockets()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        assert internet_sockets() - before
