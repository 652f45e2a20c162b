"""The README's set-up commands (tools/dev.sh), run as a newcomer would. `dev.sh test` itself
is what CI runs, and `dev.sh bundle` is run by it before the bundle tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from belgai_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
VENV = Path(sys.executable).parent.parent


def dev_sh(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(ROOT / "tools" / "dev.sh"), *args], capture_output=True, text=True,
                          timeout=600, env={**os.environ, "BELGAI_VENV": str(VENV), **env})


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("BELGAI_QT_FREE") == "1",
                    reason="installs what running the app needs (Qt) into this environment: not in the Qt-free run")
def test_run_installs_what_running_needs_and_starts_the_app():
    result = dev_sh("run", "--version")  # arguments go to the app
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith(f"BelgAI Desktop {__version__}")


def test_an_unknown_command_is_one_line_and_exit_2():
    result = dev_sh("deploy")
    assert result.returncode == 2
    assert result.stdout.strip().splitlines() == ["belgai setup: unknown command 'deploy' (use: run, test, install, "
                                                  "bundle or lock)"]


def test_readme_names_every_setup_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("bash tools/dev.sh run", "bash tools/dev.sh test", "bash tools/dev.sh bundle",
                    "bash tools/dev.sh lock", "python -m build --wheel --no-isolation", "pipx install"):
        assert command in readme, f"README does not show {command!r}"
