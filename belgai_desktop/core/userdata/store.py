"""``user.sqlite``: the user's bookmarks, notes, recently viewed records, search history and
saved searches, keyed on record ids so that they survive every data update.

The layout and its upgrades are :mod:`~belgai_desktop.core.userdata.schema`'s; reading an
export or a damaged file is :mod:`~belgai_desktop.core.userdata.transfer`'s. The file is in
WAL mode with ``synchronous=FULL``: a write that returned is on disk, even if
the machine loses power the next moment. A file that is not a readable database is moved
aside (kept, with a timestamp in its name, for ``belgai notes import``) and a fresh one
started; a folder that cannot be written leaves the app running on an in-memory copy, and
says so once.

Owned by :class:`belgai_desktop.core.library.Library` (``library.user``); nothing else opens
the file. No Qt. May import the standard library and ``belgai_desktop.core``.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from belgai_desktop.core import messages
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.userdata.schema import (
    EXPORT_FORMAT,
    SCHEMA_VERSION,
    UserDataError,
    is_sqlite,
    now,
    open_file,
    stamp,
    upgrade,
)

RECENT_LIMIT = 50
SEARCH_HISTORY_LIMIT = 50

# Folders already said to be unwritable: said once per session, even when the data is reopened.
_said_unwritable: set[str] = set()

# (record id, language) → the record's title in the data in use, or None when it has left it.
TitleOf = Callable[[str, str], "str | None"]


@dataclass(frozen=True)
class UserRecord:
    """A bookmarked or noted record as the user sees it."""

    id: str
    title: str  # the current title, or the title last seen when the record left the data
    in_data: bool
    label: str = ""
    text: str = ""
    updated: str = ""  # bookmarks: when added; notes: the last change (UTC, ISO 8601)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SavedSearch:
    name: str
    query: str
    kind: str = ""
    level: str = ""


class UserData:
    """The user's own data; safe to share between threads (one connection under a lock)."""

    def __init__(self, path: Path, title_of: TitleOf | None = None) -> None:
        self.path = Path(path)
        self.title_of: TitleOf = title_of or (lambda _rid, _lang: None)
        self.read_only = False  # True: changes last for this session only
        self.moved_aside: Path | None = None
        self._lock = threading.Lock()
        self._conn = self._connect()

    # -- opening ---------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not os.access(self.path.parent, os.W_OK) or (self.path.exists() and not os.access(self.path, os.W_OK)):
                raise PermissionError(self.path.parent)
            try:
                return open_file(self.path)
            except UserDataError as exc:  # saved by a newer version: leave the file alone
                messages.warning(str(exc))
                return self._in_memory(copy=False)
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError) and "unable to open" in str(exc):
                    raise PermissionError(self.path) from None
                self._move_aside()
                return open_file(self.path)
        except (OSError, sqlite3.OperationalError):
            return self._in_memory()

    def _move_aside(self) -> None:
        target = self.path.with_name(f"{self.path.stem}.damaged-{stamp()}{self.path.suffix}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.stem}.damaged-{stamp()}-{n}{self.path.suffix}")
        os.replace(self.path, target)
        for suffix in ("-wal", "-shm"):
            side = Path(str(self.path) + suffix)
            if side.exists():
                os.replace(side, Path(str(target) + suffix))
        self.moved_aside = target
        messages.warning(_("your bookmarks and notes file was damaged: it was moved to {path} "
                           "(`belgai notes import` can read back what is left) and a new one started").format(
            path=target))

    def _in_memory(self, copy: bool = True) -> sqlite3.Connection:
        self.read_only = True
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        if copy and is_sqlite(self.path):  # show what was saved, even if nothing new can be
            try:
                old = sqlite3.connect(self.path.absolute().as_uri() + "?mode=ro&immutable=1", uri=True)
                try:
                    old.backup(conn)
                finally:
                    old.close()
            except sqlite3.Error:
                pass
        try:
            upgrade(conn)
        except (UserDataError, sqlite3.Error):  # the copy is unusable: start empty
            conn.close()
            conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
            upgrade(conn)
        if str(self.path.parent) in _said_unwritable:
            return conn
        _said_unwritable.add(str(self.path.parent))
        messages.warning(_("bookmarks and notes cannot be saved: {folder} cannot be written "
                           "(changes last until the app closes)").format(folder=self.path.parent))
        return conn

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- low level -------------------------------------------------------------------

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                cur = self._conn.execute(sql, params)
                cur.row_factory = sqlite3.Row
                return cur.fetchall()
            except UnicodeEncodeError:
                return []  # an id that cannot be stored matches nothing
            except sqlite3.Error as exc:
                raise UserDataError(_("cannot read {path}: {reason}").format(path=self.path, reason=exc)) from None

    def _write(self, statements: Iterable[tuple[str, tuple[Any, ...]]]) -> None:
        """The statements in one transaction: all of them are on disk when this returns, or none."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    for sql, params in statements:
                        self._conn.execute(sql, params)
                    self._conn.execute("COMMIT")
                except BaseException:
                    self._conn.execute("ROLLBACK")
                    raise
            except UnicodeEncodeError:
                raise UserDataError(_("this text cannot be saved (it is not valid Unicode)")) from None
            except sqlite3.Error as exc:
                raise UserDataError(_("cannot save to {path}: {reason}").format(path=self.path, reason=exc)) from None

    def _seen(self, record_id: str, lang: str) -> list[tuple[str, tuple[Any, ...]]]:
        title = self.title_of(record_id, lang)
        if title is None:
            return []
        return [("INSERT INTO seen_titles VALUES (?, ?, ?) ON CONFLICT(record_id) DO UPDATE "
                 "SET title = excluded.title, seen = excluded.seen", (record_id, title, now()))]

    def _title(self, record_id: str, lang: str) -> tuple[str, bool]:
        current = self.title_of(record_id, lang)
        if current is not None:
            return current, True
        rows = self._rows("SELECT title FROM seen_titles WHERE record_id = ?", (record_id,))
        return (rows[0]["title"] if rows else record_id), False

    def last_seen_title(self, record_id: str) -> str | None:
        rows = self._rows("SELECT title FROM seen_titles WHERE record_id = ?", (record_id,))
        return rows[0]["title"] if rows else None

    def knows(self, record_id: str) -> bool:
        """Whether the user's data mentions this record (so it may be edited after it left the data)."""
        return bool(self._rows(
            "SELECT 1 FROM bookmarks WHERE record_id = ?1 UNION SELECT 1 FROM notes WHERE record_id = ?1 "
            "UNION SELECT 1 FROM seen_titles WHERE record_id = ?1", (record_id,)))

    # -- bookmarks -------------------------------------------------------------------

    def is_bookmarked(self, record_id: str) -> bool:
        return bool(self._rows("SELECT 1 FROM bookmarks WHERE record_id = ?", (record_id,)))

    def add_bookmark(self, record_id: str, label: str = "", lang: str = "en") -> None:
        self._write([*self._seen(record_id, lang),
                     ("INSERT INTO bookmarks VALUES (?, ?, ?) ON CONFLICT(record_id) DO UPDATE "
                      "SET label = excluded.label", (record_id, label, now()))])

    def remove_bookmark(self, record_id: str) -> bool:
        known = self.is_bookmarked(record_id)
        self._write([("DELETE FROM bookmarks WHERE record_id = ?", (record_id,))])
        return known

    def toggle_bookmark(self, record_id: str, lang: str = "en") -> bool:
        """Bookmark the record, or remove its bookmark; True when it is now bookmarked."""
        if self.is_bookmarked(record_id):
            self.remove_bookmark(record_id)
            return False
        self.add_bookmark(record_id, lang=lang)
        return True

    def bookmarks(self, lang: str = "en") -> list[UserRecord]:
        out = []
        for r in self._rows("SELECT record_id, label, created FROM bookmarks"):
            title, in_data = self._title(r["record_id"], lang)
            out.append(UserRecord(r["record_id"], title, in_data, label=r["label"], updated=r["created"]))
        return sorted(out, key=lambda b: (not b.in_data, b.title.casefold(), b.id))

    # -- notes -----------------------------------------------------------------------

    def note(self, record_id: str, lang: str = "en") -> UserRecord | None:
        rows = self._rows("SELECT text, updated FROM notes WHERE record_id = ?", (record_id,))
        if not rows:
            return None
        title, in_data = self._title(record_id, lang)
        return UserRecord(record_id, title, in_data, text=rows[0]["text"], updated=rows[0]["updated"])

    def set_note(self, record_id: str, text: str, lang: str = "en", updated: str | None = None) -> str:
        """Save the note (empty text removes it); returns the time of the change. Durable on return."""
        stamp = updated or now()
        if not text.strip():
            self._write([("DELETE FROM notes WHERE record_id = ?", (record_id,))])
            return stamp
        self._write([*self._seen(record_id, lang),
                     ("INSERT INTO notes VALUES (?, ?, ?) ON CONFLICT(record_id) DO UPDATE "
                      "SET text = excluded.text, updated = excluded.updated", (record_id, text, stamp))])
        return stamp

    def notes(self, lang: str = "en") -> list[UserRecord]:
        out = []
        for r in self._rows("SELECT record_id, text, updated FROM notes"):
            title, in_data = self._title(r["record_id"], lang)
            out.append(UserRecord(r["record_id"], title, in_data, text=r["text"], updated=r["updated"]))
        return sorted(out, key=lambda n: (not n.in_data, n.title.casefold(), n.id))

    def clear_bookmarks(self) -> None:
        self._write([("DELETE FROM bookmarks", ())])

    def clear_notes(self) -> None:
        self._write([("DELETE FROM notes", ())])

    # -- recently viewed and searches --------------------------------------------------

    def add_recent(self, record_id: str, lang: str = "en") -> None:
        self._write([
            *self._seen(record_id, lang),
            ("INSERT INTO recent VALUES (?, ?) ON CONFLICT(record_id) DO UPDATE SET viewed = excluded.viewed",
             (record_id, now())),
            ("DELETE FROM recent WHERE record_id NOT IN "
             "(SELECT record_id FROM recent ORDER BY viewed DESC LIMIT ?)", (RECENT_LIMIT,)),
        ])

    def recent(self, lang: str = "en") -> list[UserRecord]:
        """The last records viewed, newest first."""
        out = []
        for r in self._rows("SELECT record_id, viewed FROM recent ORDER BY viewed DESC"):
            title, in_data = self._title(r["record_id"], lang)
            out.append(UserRecord(r["record_id"], title, in_data, updated=r["viewed"]))
        return out

    def add_search(self, query: str) -> None:
        query = " ".join(query.split())
        if not query:
            return
        self._write([
            ("INSERT INTO search_history VALUES (?, ?) ON CONFLICT(query) DO UPDATE "
             "SET searched = excluded.searched", (query, now())),
            ("DELETE FROM search_history WHERE query NOT IN "
             "(SELECT query FROM search_history ORDER BY searched DESC LIMIT ?)", (SEARCH_HISTORY_LIMIT,)),
        ])

    def search_history(self) -> list[str]:
        return [r["query"] for r in self._rows("SELECT query FROM search_history ORDER BY searched DESC")]

    def clear_history(self) -> None:
        """Recently viewed records and search history; bookmarks, notes and saved searches stay."""
        self._write([("DELETE FROM recent", ()), ("DELETE FROM search_history", ()),
                     ("DELETE FROM seen_titles WHERE record_id NOT IN (SELECT record_id FROM bookmarks "
                      "UNION SELECT record_id FROM notes)", ())])

    def save_search(self, name: str, query: str, kind: str | None = None, level: str | None = None) -> None:
        name = " ".join(name.split())
        if not name:
            raise UserDataError(_("a saved search needs a name"))
        self._write([("INSERT INTO saved_searches VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
                      "query = excluded.query, kind = excluded.kind, level = excluded.level",
                      (name, query, kind or "", level or "", now()))])

    def remove_saved_search(self, name: str) -> None:
        self._write([("DELETE FROM saved_searches WHERE name = ?", (name,))])

    def saved_searches(self) -> list[SavedSearch]:
        return [SavedSearch(r["name"], r["query"], r["kind"], r["level"]) for r in self._rows(
            "SELECT name, query, kind, level FROM saved_searches ORDER BY name COLLATE NOCASE")]

    # -- export and import -----------------------------------------------------------

    def export_data(self, lang: str = "en", data_version: str = "") -> dict[str, Any]:
        """Everything that is the user's own work, complete and re-importable."""
        seen = {r["record_id"]: r["title"] for r in self._rows("SELECT record_id, title FROM seen_titles")}
        bookmarks = self._rows("SELECT record_id, label, created FROM bookmarks ORDER BY record_id")
        notes = self._rows("SELECT record_id, text, updated FROM notes ORDER BY record_id")
        return {
            "format": EXPORT_FORMAT, "version": SCHEMA_VERSION, "data_version": data_version,
            "bookmarks": [{"id": r["record_id"], "title": self._title(r["record_id"], lang)[0],
                           "last_seen_title": seen.get(r["record_id"], ""),
                           "label": r["label"], "created": r["created"]} for r in bookmarks],
            "notes": [{"id": r["record_id"], "title": self._title(r["record_id"], lang)[0],
                       "last_seen_title": seen.get(r["record_id"], ""),
                       "text": r["text"], "updated": r["updated"]} for r in notes],
            "saved_searches": [asdict(s) for s in self.saved_searches()],
        }

    def import_data(self, data: dict[str, Any]) -> dict[str, int]:
        """Merge exported data: what is already here stays; a note that differs keeps its newer text.
        Returns how many bookmarks, notes and saved searches were added or changed."""
        if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
            raise UserDataError(_("not a BelgAI bookmarks-and-notes export"))
        counts = {"bookmarks": 0, "notes": 0, "saved_searches": 0}
        statements: list[tuple[str, tuple[Any, ...]]] = []
        try:
            for b in data.get("bookmarks") or []:
                rid = str(b["id"])
                statements += self._import_title(rid, b)
                if not self.is_bookmarked(rid):
                    counts["bookmarks"] += 1
                    statements.append(("INSERT INTO bookmarks VALUES (?, ?, ?)",
                                       (rid, str(b.get("label") or ""), str(b.get("created") or now()))))
            for n in data.get("notes") or []:
                rid, text, updated = str(n["id"]), str(n["text"]), str(n.get("updated") or now())
                statements += self._import_title(rid, n)
                rows = self._rows("SELECT text, updated FROM notes WHERE record_id = ?", (rid,))
                if rows and (rows[0]["text"] == text or rows[0]["updated"] >= updated):
                    continue
                counts["notes"] += 1
                statements.append(("INSERT INTO notes VALUES (?, ?, ?) ON CONFLICT(record_id) DO UPDATE "
                                   "SET text = excluded.text, updated = excluded.updated", (rid, text, updated)))
            existing = {s.name for s in self.saved_searches()}
            for s in data.get("saved_searches") or []:
                if str(s["name"]) not in existing:
                    counts["saved_searches"] += 1
                    statements.append(("INSERT INTO saved_searches VALUES (?, ?, ?, ?, ?)", (
                        str(s["name"]), str(s.get("query") or ""), str(s.get("kind") or ""),
                        str(s.get("level") or ""), now())))
        except (KeyError, TypeError, AttributeError) as exc:
            raise UserDataError(_("not a BelgAI bookmarks-and-notes export ({reason})").format(reason=exc)) from None
        self._write(statements)
        return counts

    def _import_title(self, rid: str, item: dict[str, Any]) -> list[tuple[str, tuple[Any, ...]]]:
        title = item["last_seen_title"] if "last_seen_title" in item else item.get("title")
        if not title or self.last_seen_title(rid):
            return []
        return [("INSERT OR IGNORE INTO seen_titles VALUES (?, ?, ?)", (rid, str(title), now()))]
