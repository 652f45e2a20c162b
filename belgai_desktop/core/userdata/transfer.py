"""Exports of the user's notes and bookmarks, and reading them back: writing ``belgai notes
export``'s JSON (complete, re-importable) or CSV file; reading what ``belgai notes import`` and
the Import command take: an export file, or whatever a damaged user database (a moved-aside
one) still gives back, row by row.

No Qt. May import the standard library and ``belgai_desktop.core``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.userdata.schema import EXPORT_FORMAT, SCHEMA_VERSION, UserDataError, is_sqlite

if TYPE_CHECKING:
    from belgai_desktop.core.userdata.store import UserData


def export_text(user: UserData, suffix: str, lang: str, data_version: str) -> str:
    """The export as ``.json`` (everything, re-importable) or ``.csv`` (the notes, for a spreadsheet)."""
    if suffix == ".json":
        return json.dumps(user.export_data(lang, data_version), ensure_ascii=False, indent=2) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "title", "in_data", "updated", "text"])
    for n in user.notes(lang):
        writer.writerow([n.id, n.title, "yes" if n.in_data else "no", n.updated, n.text])
    return buffer.getvalue()


def write_export(user: UserData, path: Path, lang: str, data_version: str) -> None:
    """Write the export the name of ``path`` asks for (``.json`` or ``.csv``): whole, or not at all."""
    data = export_text(user, path.suffix.lower(), lang, data_version).encode("utf-8")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BelgaiError(_("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)) from None


def read_export(path: Path) -> dict[str, Any]:
    """An export file (JSON), or what can still be read from a user database (a moved-aside
    damaged one included), as export data."""
    import json

    if is_sqlite(path):
        return _salvage(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserDataError(_("{path} does not exist").format(path=path)) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UserDataError(_("cannot read {path}: {reason}").format(path=path, reason=exc)) from None
    if not isinstance(data, dict):  # JSON, but not an export of ours
        raise UserDataError(_("not a BelgAI bookmarks-and-notes export"))
    return data


def _salvage(path: Path) -> dict[str, Any]:
    """Row by row, whatever a damaged user database still gives back."""
    data: dict[str, Any] = {"format": EXPORT_FORMAT, "version": SCHEMA_VERSION, "bookmarks": [], "notes": [],
                            "saved_searches": []}
    try:
        conn = sqlite3.connect(path.absolute().as_uri() + "?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise UserDataError(_("cannot read {path}: {reason}").format(path=path, reason=exc)) from None
    queries = {
        "seen": "SELECT record_id, title FROM seen_titles",
        "bookmarks": "SELECT record_id AS id, label, created FROM bookmarks",
        "notes": "SELECT record_id AS id, text, updated FROM notes",
        "saved_searches": "SELECT name, query, kind, level FROM saved_searches",
    }
    seen: dict[str, str] = {}
    try:
        for key, sql in queries.items():
            try:
                cur = conn.execute(sql)
                cur.row_factory = sqlite3.Row
                while True:
                    try:
                        row = cur.fetchone()
                    except sqlite3.DatabaseError:
                        break
                    if row is None:
                        break
                    if key == "seen":
                        seen[row["record_id"]] = row["title"]
                    else:
                        data[key].append(dict(row))
            except sqlite3.DatabaseError:
                continue
    finally:
        conn.close()
    for item in data["bookmarks"] + data["notes"]:
        item["last_seen_title"] = seen.get(item["id"], "")
    return data
