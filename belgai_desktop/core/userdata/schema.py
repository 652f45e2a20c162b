"""The layout of ``user.sqlite`` and its upgrades: each takes the file from version N to
N + 1 in one transaction (``PRAGMA user_version``); opening a file checks it and upgrades it.

No Qt. May import the standard library and ``belgai_desktop.core``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.i18n import gettext as _

FILE_NAME = "user.sqlite"
SCHEMA_VERSION = 1
EXPORT_FORMAT = "belgai-user-data"

# Each upgrade takes the file from version N to N + 1, in one transaction.
UPGRADES: list[str] = [
    """
    CREATE TABLE bookmarks (record_id TEXT PRIMARY KEY, label TEXT NOT NULL DEFAULT '',
                            created TEXT NOT NULL);
    CREATE TABLE notes (record_id TEXT PRIMARY KEY, text TEXT NOT NULL, updated TEXT NOT NULL);
    CREATE TABLE seen_titles (record_id TEXT PRIMARY KEY, title TEXT NOT NULL, seen TEXT NOT NULL);
    CREATE TABLE recent (record_id TEXT PRIMARY KEY, viewed TEXT NOT NULL);
    CREATE TABLE search_history (query TEXT PRIMARY KEY, searched TEXT NOT NULL);
    CREATE TABLE saved_searches (name TEXT PRIMARY KEY, query TEXT NOT NULL, kind TEXT NOT NULL DEFAULT '',
                                 level TEXT NOT NULL DEFAULT '', created TEXT NOT NULL);
    """,
]


class UserDataError(BelgaiError):
    """The user's data cannot be saved or read (a read-only folder, an unreadable file)."""



def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def upgrade(conn: sqlite3.Connection) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise UserDataError(_("your bookmarks and notes were saved by a newer version of BelgAI Desktop "
                              "(schema {found}, this one knows {known})").format(found=version, known=SCHEMA_VERSION))
    for target in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in UPGRADES[target - 1].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {target}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def open_file(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None, timeout=30)
    try:
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        result = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        if result != "ok":
            raise sqlite3.DatabaseError(result)
        upgrade(conn)
    except BaseException:
        conn.close()
        raise
    return conn
