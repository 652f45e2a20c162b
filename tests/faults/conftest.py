"""Fault injection: what a user notices when things go wrong — an exit code, one line on
stderr, never a traceback, never a file written where it does not belong.

Subprocesses get an environment built here at test time (cache, config and home inside the
test's ``tmp_path``), never the user's own folders.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from belgai_desktop.core import i18n, messages

TIMEOUT = 120


def make_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    home = tmp_path / "home"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "BELGAI_CACHE_DIR": str(home / "cache"),
        "BELGAI_CONFIG_DIR": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "xdg-cache"),
        "XDG_CONFIG_HOME": str(home / "xdg-config"),
        "XDG_DATA_HOME": str(home / "xdg-data"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    if os.environ.get("PYTHONPATH"):  # which code: the test run's
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    # The fixture records are invented, so they are never checked against the source documents
    # (their titles are in none): these tests are about faults, not about the data.
    env["BELGAI_SEEDS"] = str(tmp_path / "no-source-documents")
    env.update(extra)
    return env


class Run:
    """One finished ``belgai`` process: bytes as written, and stderr as text."""

    def __init__(self, proc: subprocess.CompletedProcess) -> None:
        self.returncode = proc.returncode
        self.stdout: bytes = proc.stdout
        self.stderr_bytes: bytes = proc.stderr
        self.stderr = proc.stderr.decode("utf-8", "replace")

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8")  # fails the test if the output is not UTF-8


Cli = Callable[..., Run]


def run_belgai(args: list[str | bytes | Path], env: dict[str, str], cwd: Path) -> Run:
    argv = [sys.executable, "-m", "belgai_desktop", *(os.fsencode(a) if not isinstance(a, bytes) else a
                                                    for a in args)]
    return Run(subprocess.run(argv, capture_output=True, env=env, cwd=cwd, timeout=TIMEOUT))


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """``cli(*args, **env)``: run ``belgai`` in a subprocess with a test-time environment."""
    def run(*args: str | bytes | Path, **extra: str) -> Run:
        return run_belgai(list(args), make_env(tmp_path, **extra), tmp_path)

    return run


def assert_one_line_error(result: Run, *words: str) -> None:
    """Exit code 2, exactly one line on stderr, no traceback; the line holds ``words``."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def assert_ok(result: Run) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, (result.returncode, result.stderr)


def tree_state(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every entry under ``folder`` with its file type and bytes: equal means untouched."""
    out: dict[str, tuple[int, bytes]] = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        data = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
        out[str(path.relative_to(folder))] = (st.st_mode, data)
    return out


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every warning and error sent through the message bridge, with fresh once-only memories."""
    from belgai_desktop.core import i18n as i18n_module

    seen: list[str] = []
    monkeypatch.setattr(i18n_module, "_warned", set())

    def handler(level: str, text: str) -> None:
        seen.append(text)

    messages.add_handler(handler)
    yield seen
    messages.remove_handler(handler)
    i18n.set_language("en")
