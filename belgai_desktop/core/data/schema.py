"""The layout of the reference database: its version, its tables, how ``belgai db build``
creates them, and how a file is checked to have them before it is read.

Imports only the standard library, sqlite-utils and the core's vocabularies, errors and i18n.
"""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import sqlite_utils

from belgai_desktop.core.data import vocab
from belgai_desktop.core.errors import DatabaseError
from belgai_desktop.core.i18n import gettext as _

# The layout this code reads and writes; `belgai db build` writes it into PRAGMA user_version.
SCHEMA_VERSION = 3  # 2: records.title_descriptive; 3: acronyms_ours

# The texts a fact carries in every language, one column per language ("role_en", "role_nl", …):
# (table, the column of the record the text belongs to, the columns' prefix).
LANG_TEXTS: tuple[tuple[str, str, str], ...] = (
    ("statements", "record_id", "text"),
    ("budgets", "record_id", "note"),
    ("dates", "record_id", "note"),
    ("relations", "subject_id", "role"),
)


def lang_column(prefix: str, lang: str) -> str:
    """The column holding the ``prefix`` text in ``lang``: ``role_nl``."""
    return f"{prefix}_{lang}"


def lang_columns(prefix: str) -> list[str]:
    """The ``prefix`` text's columns, in the order of :data:`vocab.LANGUAGES`."""
    return [lang_column(prefix, lang) for lang in vocab.LANGUAGES]


def _text_columns(prefix: str) -> dict[str, type]:
    return dict.fromkeys(lang_columns(prefix), str)


def create(db: sqlite_utils.Database) -> None:
    """Create every table and index of the layout in the empty database ``db``."""
    db.table("meta").create({"key": str, "value": str}, pk="key")
    db.table("sources").create(
        {"id": str, "title": str, "author": str, "publisher": str, "date": str,
         "date_precision": str, "file": str, "sha256": str, "note": str},
        pk="id", not_null={"title", "file"},
    )
    db.table("records").create(
        {"id": str, "kind": str, "level": str, "title_descriptive": int},
        pk="id", not_null={"kind", "level", "title_descriptive"},
    )
    db.table("names").create(
        {"record_id": str, "lang": str, "text": str, "is_translation": int},
        pk=("record_id", "lang"), foreign_keys=[("record_id", "records", "id")], not_null={"text"},
    )
    for table in ("acronyms", "aliases"):
        db.table(table).create(
            {"record_id": str, "position": int, "text": str},
            pk=("record_id", "position"), foreign_keys=[("record_id", "records", "id")],
        )
    db.table("acronyms_ours").create(
        {"record_id": str, "lang": str, "position": int, "text": str},
        pk=("record_id", "lang", "position"), foreign_keys=[("record_id", "records", "id")],
    )
    db.table("summaries").create(
        {"record_id": str, "lang": str, "text": str},
        pk=("record_id", "lang"), foreign_keys=[("record_id", "records", "id")], not_null={"text"},
    )
    db.table("record_sources").create(
        {"record_id": str, "source_id": str, "locator": str},
        pk=("record_id", "source_id", "locator"),
        foreign_keys=[("record_id", "records", "id"), ("source_id", "sources", "id")],
    )
    db.table("facts").create(
        {"id": str, "record_id": str, "type": str, "dispute": str, "disputed": int},
        pk="id", foreign_keys=[("record_id", "records", "id")], not_null={"type"},
    )
    db.table("fact_sources").create(
        {"fact_id": str, "source_id": str, "locator": str, "as_of": str, "as_of_precision": str},
        pk=("fact_id", "source_id", "locator"),
        foreign_keys=[("fact_id", "facts", "id"), ("source_id", "sources", "id")],
    )
    db.table("relations").create(
        {"fact_id": str, "subject_id": str, "relation": str, "object_id": str, **_text_columns("role")},
        pk="fact_id",
        foreign_keys=[("fact_id", "facts", "id"), ("subject_id", "records", "id"),
                      ("object_id", "records", "id")],
        not_null={"relation"},
    )
    db.table("budgets").create(
        {"fact_id": str, "record_id": str, "aspect": str, "amount": float, "amount_max": float,
         "currency": str, "period": str, "year": int, "year_end": int, "approximate": int,
         "qualifier": str, **_text_columns("note")},
        pk="fact_id", foreign_keys=[("fact_id", "facts", "id"), ("record_id", "records", "id")],
    )
    db.table("dates").create(
        {"fact_id": str, "record_id": str, "aspect": str, "date": str, "precision": str,
         **_text_columns("note")},
        pk="fact_id", foreign_keys=[("fact_id", "facts", "id"), ("record_id", "records", "id")],
    )
    db.table("statements").create(
        {"fact_id": str, "record_id": str, "aspect": str, **_text_columns("text")},
        pk="fact_id", foreign_keys=[("fact_id", "facts", "id"), ("record_id", "records", "id")],
    )
    db.table("links").create(
        {"fact_id": str, "record_id": str, "url": str, "lang": str},
        pk="fact_id", foreign_keys=[("fact_id", "facts", "id"), ("record_id", "records", "id")],
    )
    for table, column in [("relations", "subject_id"), ("relations", "object_id"),
                          ("facts", "record_id"), ("budgets", "record_id"),
                          ("dates", "record_id"), ("statements", "record_id"),
                          ("links", "record_id"), ("fact_sources", "source_id")]:
        db.table(table).create_index([column])



# Tables every command reads: a file without them is not a BelgAI database.
REQUIRED_TABLES = frozenset({"meta", "records", "names", "summaries", "sources", "facts", "fact_sources",
                             "relations", "budgets", "dates", "statements", "links", "acronyms",
                             "aliases", "record_sources", "acronyms_ours"})
# Databases up to this size get a page check on open (about 3 ms for the bundled 1.4 MB);
# bigger ones would slow every start, and a damaged page then shows as one clear error later.
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024


def _file_size(path: Path) -> int | None:
    """The size of the regular file at ``path``; None when there is none or it cannot be
    reached (an untraversable folder, a name too long, a NUL in it)."""
    try:
        st = path.stat()
    except (OSError, ValueError):
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to the database file at ``path``; DatabaseError with one clear
    line when there is no usable file. The path goes into a ``file:`` URI percent-encoded, so
    ``?``, ``#``, ``%``, spaces or any other character in it can never become URI options."""
    try:
        st = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        st = None
    except (OSError, ValueError) as exc:  # an untraversable folder, a name too long, a NUL
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise DatabaseError(_("cannot read the database {path}: {reason}").format(path=path, reason=reason)) from None
    if st is None or not stat.S_ISREG(st.st_mode):
        raise DatabaseError(_("database not found: {path} (build it with `belgai db build`)").format(path=path))
    size = st.st_size
    if size == 0:
        raise DatabaseError(_("{path} is not a BelgAI database (an empty file); "
                              "rebuild it with `belgai db build`").format(path=path))
    uri = path.absolute().as_uri() + "?mode=ro"
    try:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)
    except sqlite3.Error as exc:
        raise DatabaseError(_("cannot read the database {path}: {reason}").format(path=path, reason=exc)) from None


def schema_problem(conn: sqlite3.Connection, path: Path) -> str | None:
    """What makes ``conn`` unusable as our database, in words for the user, or None."""
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        return _("cannot read the database {path}: not a BelgAI database ({reason})").format(path=path, reason=exc)
    missing = sorted(REQUIRED_TABLES - tables)
    if missing == ["meta"]:
        return _("the database {path} has no meta table (damaged or incomplete); "
                 "rebuild it with `belgai db build`").format(path=path)
    if missing:
        return _("cannot read the database {path}: not a BelgAI database (missing tables: {tables})").format(
            path=path, tables=", ".join(missing))
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version != SCHEMA_VERSION:
        return _("the database {path} has schema version {version}, this app needs {needed}; "
                 "rebuild it with `belgai db build`").format(path=path, version=version, needed=SCHEMA_VERSION)
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None or row[0] != str(SCHEMA_VERSION):
        if row is None:
            return _("the database {path} says schema version nothing in its meta table, this app needs "
                     "{needed}; rebuild it with `belgai db build`").format(path=path, needed=SCHEMA_VERSION)
        return _("the database {path} says schema version {version} in its meta table, this app needs "
                 "{needed}; rebuild it with `belgai db build`").format(path=path, version=row[0],
                                                                      needed=SCHEMA_VERSION)
    if (_file_size(path) or 0) <= QUICK_CHECK_MAX_BYTES:
        result = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        if result != "ok":
            return _("the database {path} is damaged ({reason}); rebuild it with `belgai db build`").format(
                path=path, reason=" ".join(result.split()))
    conn.execute("SELECT count(*) FROM records").fetchone()
    return None
