"""Starting ``belgai`` without a usable display or database: one clear line, exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def run_belgai(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "belgai_desktop", *args], env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
def bare_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland displays are a Linux matter")
def test_without_display_says_how_to_run_headless(fixture_db_path: Path, bare_env: dict[str, str]) -> None:
    result = run_belgai("--database", str(fixture_db_path), env=bare_env)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "no display" in lines[0] and "xvfb-run" in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 displays are a Linux matter")
def test_display_that_points_nowhere_gives_one_line(fixture_db_path: Path, bare_env: dict[str, str]) -> None:
    bare_env["DISPLAY"] = ":987"
    result = run_belgai("--database", str(fixture_db_path), env=bare_env)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "xvfb-run" in result.stderr


def test_missing_database_is_one_clear_line(tmp_path: Path, bare_env: dict[str, str]) -> None:
    result = run_belgai("--database", str(tmp_path / "none.sqlite"), env=bare_env)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"belgai: database not found: {tmp_path / 'none.sqlite'} (build it with `belgai db build`)"]


def test_unknown_record_is_one_clear_line(fixture_db_path: Path, bare_env: dict[str, str]) -> None:
    bare_env["QT_QPA_PLATFORM"] = "offscreen"
    result = run_belgai("--database", str(fixture_db_path), "gui", "no-such-record", env=bare_env)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "no-such-record" in result.stderr
