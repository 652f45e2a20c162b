"""Shared fixtures. Every test runs with its own cache, settings and language (napari's
``_fresh_settings``), so no test depends on another or on the machine."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import platformdirs
import pytest

from belgai_desktop.core import i18n, paths

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The user's real folders, read before any test changes the environment: no test may write there.
REAL_USER_DIRS = tuple(Path(d) for d in (platformdirs.user_cache_dir(paths.APP_NAME),
                                         platformdirs.user_config_dir(paths.APP_NAME),
                                         platformdirs.user_data_dir(paths.APP_NAME)))

TESTS_DIR = Path(__file__).parent
FIXTURE_DB_DIR = TESTS_DIR / "fixtures" / "db"
SOURCE_DB_DIR = paths.REPO_ROOT / "db"  # the TOML sources and the committed build

# The source documents live outside the repository (../shared/seeds). A clone without them
# runs every test that does not read them; CI, which has them, must run them all.
SEEDS_PRESENT = paths.seeds_dir().is_dir()
needs_seeds = pytest.mark.skipif(
    not SEEDS_PRESENT, reason=f"needs the source documents, not found in {paths.seeds_dir()} (set BELGAI_SEEDS)"
)


def pytest_sessionstart(session: pytest.Session) -> None:
    if os.environ.get("CI") and not SEEDS_PRESENT:
        raise pytest.UsageError(f"CI must run the tests that read the source documents: {paths.seeds_dir()} is missing")
    # The Qt-free run (BELGAI_QT_FREE) is the core's tests only; the main run tests the bundle.
    if os.environ.get("CI") and not os.environ.get("BELGAI_BUNDLE") and not os.environ.get("BELGAI_QT_FREE"):
        raise pytest.UsageError("CI must test the bundle: run `bash tools/dev.sh test`, which builds it")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """A fresh home, cache, config and settings folder for every test; English; no system
    locale. Set in the environment at fixture time, so that subprocesses inherit it too."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("BELGAI_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("BELGAI_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("BELGAI_DATA_DIR", str(home / "data"))
    monkeypatch.delenv("BELGAI_TRUSTED_KEYS", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(scope="session")
def fixture_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small database built from tests/fixtures/db (invented test records)."""
    from belgai_desktop.core.data.build import build

    target = tmp_path_factory.mktemp("fixture-db") / "belgai.sqlite"
    # Invented records with invented titles: no document gives them, so they are built without
    # the checks against the documents (which the real data passes in test_build_check).
    return build(FIXTURE_DB_DIR, target)


@pytest.fixture
def fixture_library(fixture_db_path: Path):
    from belgai_desktop.core.library import Library

    lib = Library(fixture_db_path)
    yield lib
    lib.close()


@pytest.fixture(scope="session")
def bundled_db_path() -> Path:
    return SOURCE_DB_DIR / "belgai.sqlite"


@pytest.fixture
def library(bundled_db_path: Path):
    """The real bundled database, for end-to-end and relevance tests."""
    from belgai_desktop.core.library import Library

    lib = Library(bundled_db_path)
    yield lib
    lib.close()


@pytest.fixture
def db_copy(tmp_path: Path) -> Path:
    """A writable copy of the reference sources, for tests that break them on purpose."""
    target = tmp_path / "db"
    shutil.copytree(SOURCE_DB_DIR, target, ignore=shutil.ignore_patterns("*.sqlite", ".belgai-build-*"))
    return target
