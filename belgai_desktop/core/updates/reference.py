"""Which reference data to open: the installed data package in use, else the installation's own.

Read by the façade (:class:`belgai_desktop.core.library.Library`) on every open, so it knows
nothing of packages, signatures or the database's content: only the user's data folder,
``state.json`` and the installation's paths.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from belgai_desktop.core import paths

DATABASE = "belgai.sqlite"
INDEX = "index"
BUNDLED = "bundled"
STATE = "state.json"


@dataclass(frozen=True)
class Reference:
    """The reference data to open: a database and, when it travelled with it, its index."""

    database: Path
    index_dir: Path | None
    origin: str  # "bundled", "installed" or "override" (BELGAI_DB)
    folder: str | None = None  # the installed package's folder name


def root() -> Path:
    return paths.data_dir() / "reference"


def read_state() -> dict[str, Any]:
    try:
        state = json.loads((root() / STATE).read_text(encoding="utf-8"))
        return state if isinstance(state, dict) else {}
    except (OSError, ValueError):
        return {}


def installed(name: str | None) -> Reference | None:
    if not name or name == BUNDLED or "/" in name or "\\" in name or name.startswith("."):
        return None
    folder = root() / name
    database = folder / DATABASE
    if not database.is_file():
        return None
    index = folder / INDEX
    return Reference(database, index if index.is_dir() else None, "installed", name)


def bundled() -> Reference:
    return Reference(paths.database_path(), paths.shipped_index_dir(), BUNDLED)


def active() -> Reference:
    """The data to open now: BELGAI_DB, else the installed package in use, else the bundled data."""
    if os.environ.get("BELGAI_DB"):
        return Reference(Path(os.environ["BELGAI_DB"]), None, "override")
    try:
        in_use = installed(read_state().get("current"))
    except OSError:
        in_use = None
    return in_use or bundled()
