"""Where things live: the reference data, the catalogs, the source documents, the user's folders.

The same code runs from a source checkout, an installed wheel and a frozen bundle:

- **Installed or frozen**: the built database, the catalogs (``.po`` and compiled ``.mo``)
  and the prebuilt search index are package data in ``belgai_desktop/data``, found through
  :mod:`importlib.resources` (the wheel's build step and the bundle's spec put them there).
- **Source checkout**: no ``belgai_desktop/data``; the top-level ``db/`` and ``locales/``
  are used directly, and ``db/records`` makes ``belgai db build`` and ``db check`` possible.

User folders are the platform's (platformdirs), or, in **portable mode** — a file
``portable.ini`` beside the frozen executable — a ``user-data`` folder beside it (Zeal's
portable build does the same), so a USB stick carries its settings with it.

Every location can be overridden by an environment variable, which the tests use to
isolate themselves: ``BELGAI_DB``, ``BELGAI_SEEDS``, ``BELGAI_CACHE_DIR``, ``BELGAI_CONFIG_DIR``,
``BELGAI_DATA_DIR``.

May import only the standard library and platformdirs.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "belgai-desktop"
DATABASE_NAME = "belgai.sqlite"
PORTABLE_MARKER = "portable.ini"
REPO_ROOT = Path(__file__).resolve().parents[2]


@cache
def package_data_dir() -> Path | None:
    """``belgai_desktop/data`` of a wheel or bundle; None in a source checkout."""
    try:
        folder = Path(str(resources.files("belgai_desktop") / "data"))
    except (TypeError, ValueError, OSError):  # not a file-system package
        return None
    return folder if (folder / DATABASE_NAME).is_file() else None


def source_db_dir() -> Path | None:
    """The TOML sources of the data (``db/``), only in a source checkout."""
    folder = REPO_ROOT / "db"
    return folder if (folder / "records").is_dir() else None


def database_path() -> Path:
    override = os.environ.get("BELGAI_DB")
    if override:
        return Path(override)
    packaged = package_data_dir()
    return packaged / DATABASE_NAME if packaged else REPO_ROOT / "db" / DATABASE_NAME


def locales_dir() -> Path:
    packaged = package_data_dir()
    return packaged / "locales" if packaged else REPO_ROOT / "locales"


def shipped_index_dir() -> Path | None:
    """The search index prebuilt for the shipped database, when the package carries one."""
    packaged = package_data_dir()
    return packaged / "index" if packaged else None


def seeds_dir() -> Path:
    """The source documents: cited by the data, never bundled with it."""
    return Path(os.environ.get("BELGAI_SEEDS") or REPO_ROOT.parent / "shared" / "seeds")


def install_dir() -> Path:
    """The installation's own folder: beside the executable of a bundle, else the package."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[1]


def portable_dir() -> Path | None:
    """The folder for user files in portable mode: ``user-data`` beside the executable."""
    if not getattr(sys, "frozen", False):
        return None
    exe_dir = Path(sys.executable).resolve().parent
    return exe_dir / "user-data" if (exe_dir / PORTABLE_MARKER).is_file() else None


def _user_dir(variable: str, kind: str, platform_dir: str) -> Path:
    override = os.environ.get(variable)
    if override:
        return Path(override)
    portable = portable_dir()
    return portable / kind if portable else Path(platform_dir)


def cache_dir() -> Path:
    return _user_dir("BELGAI_CACHE_DIR", "cache", platformdirs.user_cache_dir(APP_NAME))


def config_dir() -> Path:
    """The user's settings (the desktop app's window, language and filters)."""
    return _user_dir("BELGAI_CONFIG_DIR", "config", platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    """The user's own data (installed data updates, bookmarks and notes)."""
    return _user_dir("BELGAI_DATA_DIR", "data", platformdirs.user_data_dir(APP_NAME))
