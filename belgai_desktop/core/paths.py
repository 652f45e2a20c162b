"""Where things live: the bundled database, the source documents, the user's cache.

Every location can be overridden by an environment variable, which the tests use to
isolate themselves: ``BELGAI_DB``, ``BELGAI_SEEDS``, ``BELGAI_CACHE_DIR``, ``BELGAI_CONFIG_DIR``.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "belgai-desktop"
REPO_ROOT = Path(__file__).resolve().parents[2]
DB_DIR = REPO_ROOT / "db"
LOCALES_DIR = REPO_ROOT / "locales"
RESOURCES_DIR = REPO_ROOT / "resources"


def database_path() -> Path:
    return Path(os.environ.get("BELGAI_DB") or DB_DIR / "belgai.sqlite")


def seeds_dir() -> Path:
    """The source documents: cited by the data, never bundled with it."""
    return Path(os.environ.get("BELGAI_SEEDS") or REPO_ROOT.parent / "shared" / "seeds")


def cache_dir() -> Path:
    return Path(os.environ.get("BELGAI_CACHE_DIR") or platformdirs.user_cache_dir(APP_NAME))


def config_dir() -> Path:
    """The user's settings (the desktop app's window, language and filters)."""
    return Path(os.environ.get("BELGAI_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME))
