"""The wheel as a user installs it: built with ``python -m build``, installed with ``pipx``
into a fresh environment outside the checkout (versions pinned by the lock, as the README
says), and run from another folder, with no ``db/`` or ``locales/`` to lean on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from belgai_desktop.core.library import Library
from tests.conftest import SOURCE_DB_DIR
from tests.ui.conftest import OFFSCREEN_NOISE

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


pytestmark = pytest.mark.slow  # builds the wheel and installs it with pipx


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # --no-isolation: build with the locked setuptools/babel/whoosh of this environment
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    (found,) = out.glob("belgai_desktop-*.whl")
    return found


def test_the_wheel_carries_database_catalogs_and_index(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "belgai_desktop/data/belgai.sqlite" in names
    for lang in ("nl", "fr", "de"):
        assert f"belgai_desktop/data/locales/{lang}/LC_MESSAGES/belgai.mo" in names
        assert f"belgai_desktop/data/locales/{lang}/LC_MESSAGES/belgai.po" in names
    assert "belgai_desktop/data/index/belgai-index.json" in names


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> tuple[Path, dict[str, str], Path]:
    """`pipx install` of the wheel into its own folders; returns (belgai, env, another folder)."""
    home = tmp_path_factory.mktemp("pipx-home")
    pins = home / "pins.txt"  # the lock's versions, without its hashes (pip accepts no hashes here)
    lock = (ROOT / "requirements" / "app.txt").read_text().splitlines()
    pins.write_text("".join(f"{line.split()[0]}\n" for line in lock if "==" in line and not line.startswith("#")))
    env = {**os.environ, "PIPX_HOME": str(home / "pipx"), "PIPX_BIN_DIR": str(home / "bin"),
           "PIPX_MAN_DIR": str(home / "man"), "HOME": str(home), "PIP_CONSTRAINT": str(pins),
           "BELGAI_CACHE_DIR": str(home / "cache"), "BELGAI_CONFIG_DIR": str(home / "config"),
           "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    env.pop("BELGAI_DB", None)
    subprocess.run([str(BIN / "pipx"), "install", "--python", sys.executable, str(wheel)],
                   check=True, capture_output=True, env=env, timeout=600)
    elsewhere = home / "elsewhere"
    elsewhere.mkdir()
    return home / "bin" / "belgai", env, elsewhere


def _run(installed, *args: str) -> subprocess.CompletedProcess:
    exe, env, cwd = installed
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120)


@pytest.fixture(scope="module")
def library():
    lib = Library(SOURCE_DB_DIR / "belgai.sqlite")
    yield lib
    lib.close()


def test_installed_wheel_searches_in_french(installed, library):
    result = _run(installed, "search", "protection des données", "--lang", "fr", "--json")
    assert (result.returncode, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    top = data["results"][0]
    assert top["id"] == "data-protection-authority"
    assert top["title"] == library.get(top["id"], "fr").title


def test_installed_wheel_shows_in_german(installed, library):
    result = _run(installed, "show", "bipt", "--lang", "de")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(library.get("bipt", "de").title)
    assert "Quellen:" in result.stdout and "Sources:" not in result.stdout


def test_installed_wheel_prints_one_page(installed, library):
    out = installed[2] / "fps-bosa-nl.pdf"
    result = _run(installed, "print", "fps-bosa", "--lang", "nl", "-o", str(out))
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    assert " ".join(library.get("fps-bosa", "nl").title.split()) in " ".join(reader.pages[0].extract_text().split())


@pytest.mark.parametrize("action", ["build", "check"])
def test_installed_wheel_says_db_commands_need_a_checkout(installed, action):
    result = _run(installed, "db", action)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "needs a source checkout" in result.stderr


def test_installed_wheel_starts_the_window_in_dutch(installed):
    exe, env, cwd = installed
    result = subprocess.run([str(exe), "gui", "--lang", "nl"], capture_output=True, text=True, cwd=cwd, timeout=120,
                            env={**env, "BELGAI_QUIT_AFTER_SHOW": "1"})
    # Qt's offscreen platform (no display here) notes what it cannot do; nothing else may appear.
    errors = [line for line in result.stderr.splitlines() if not line.startswith(OFFSCREEN_NOISE)]
    assert (result.returncode, errors) == (0, [])
