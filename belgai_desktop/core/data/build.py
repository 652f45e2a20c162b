"""Builds the bundled SQLite reference database from the TOML sources under ``db/``.

Owns the database schema and its version (``PRAGMA user_version``). The build is
deterministic: rows are written in sorted order into a fresh file, so the same
sources give a byte-identical database. It writes to a temporary file and swaps it
in, so a failed build never leaves a half-written database behind.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

import sqlite_utils

from belgai_desktop.core.data import vocab
from belgai_desktop.core.data.sourcedata import Fact, SourceData, SourceRef, date_precision, read_all, source_hash
from belgai_desktop.core.errors import BelgaiError, SourceDataError
from belgai_desktop.core.library import SCHEMA_VERSION
from belgai_desktop.core.outputs import check_output, remove_abandoned, temp_prefix
from belgai_desktop.core.text.i18n import gettext as _

DATABASE_NAME = "belgai.sqlite"


def _create_schema(db: sqlite_utils.Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["sources"].create(
        {"id": str, "title": str, "author": str, "publisher": str, "date": str,
         "date_precision": str, "file": str, "sha256": str, "note": str},
        pk="id", not_null={"title", "file"},
    )
    db["records"].create(
        {"id": str, "kind": str, "level": str, "title_descriptive": int},
        pk="id", not_null={"kind", "level", "title_descriptive"},
    )
    db["names"].create(
        {"record_id": str, "lang": str, "text": str, "is_translation": int},
        pk=("record_id", "lang"), foreign_keys=[("record_id", "records", "id")], not_null={"text"},
    )
    for table in ("acronyms", "aliases"):
        db[table].create(
            {"record_id": str, "position": int, "text": str},
            pk=("record_id", "position"), foreign_keys=[("record_id", "records", "id")],
        )
    db["acronyms_ours"].create(
        {"record_id": str, "lang": str, "position": int, "text": str},
        pk=("record_id", "lang", "position"), foreign_keys=[("record_id", "records", "id")],
    )
    db["summaries"].create(
        {"record_id": str, "lang": str, "text": str},
        pk=("record_id", "lang"), foreign_keys=[("record_id", "records", "id")], not_null={"text"},
    )
    db["record_sources"].create(
        {"record_id": str, "source_id": str, "locator": str},
        pk=("record_id", "source_id", "locator"),
        foreign_keys=[("record_id", "records", "id"), ("source_id", "sources", "id")],
    )
    db["facts"].create(
        {"id": str, "record_id": str, "type": str, "dispute": str, "disputed": int},
        pk="id", foreign_keys=[("record_id", "records", "id")], not_null={"type"},
    )
    db["fact_sources"].create(
        {"fact_id": str, "source_id": str, "locator": str, "as_of": str, "as_of_precision": str},
        pk=("fact_id", "source_id", "locator"),
        foreign_keys=[("fact_id", "facts", "id"), ("source_id", "sources", "id")],
    )
    lang_cols = {f"{{}}_{lang}": str for lang in vocab.LANGUAGES}

    def per_lang(prefix: str) -> dict[str, type]:
        return {k.format(prefix): v for k, v in lang_cols.items()}

    db["relations"].create(
        {"fact_id": str, "subject_id": str, "relation": str, "object_id": str, **per_lang("role")},
        pk="fact_id",
        foreign_keys=[("fact_id", "facts", "id"), ("subject_id", "records", "id"),
                      ("object_id", "records", "id")],
        not_null={"relation"},
    )
    db["budgets"].create(
        {"fact_id": str, "record_id": str, "aspect": str, "amount": float, "amount_max": float,
         "currency": str, "period": str, "year": int, "year_end": int, "approximate": int,
         "qualifier": str, **per_lang("note")},
        pk="fact_id", foreign_keys=[("fact_id", "facts", "id"), ("record_id", "records", "id")],
    )
    db["dates"].create(
        {"fact_id": str, "record_id": str, "aspect": str, "date": str, "precision": str,
         **per_lang("note")},
        pk="fact_id", foreign_keys=[("fact_id", "facts", "id"), ("record_id", "records", "id")],
    )
    db["statements"].create(
        {"fact_id": str, "record_id": str, "aspect": str, **per_lang("text")},
        pk="fact_id", foreign_keys=[("fact_id", "facts", "id"), ("record_id", "records", "id")],
    )
    db["links"].create(
        {"fact_id": str, "record_id": str, "url": str, "lang": str},
        pk="fact_id", foreign_keys=[("fact_id", "facts", "id"), ("record_id", "records", "id")],
    )
    for table, column in [("relations", "subject_id"), ("relations", "object_id"),
                          ("facts", "record_id"), ("budgets", "record_id"),
                          ("dates", "record_id"), ("statements", "record_id"),
                          ("links", "record_id"), ("fact_sources", "source_id")]:
        db[table].create_index([column])


def _lang_columns(prefix: str, texts: dict[str, str]) -> dict[str, str | None]:
    return {f"{prefix}_{lang}": texts.get(lang) for lang in vocab.LANGUAGES}


def _write(db: sqlite_utils.Database, data: SourceData, digest: str) -> None:
    source_dates = {s.id: s.date for s in data.sources}
    db["meta"].insert_all(
        [
            {"key": "schema_version", "value": str(SCHEMA_VERSION)},
            {"key": "source_hash", "value": digest},
            # The data is as recent as its newest document.
            {"key": "as_of", "value": max(source_dates.values(), default="")},
        ]
    )
    db["sources"].insert_all(
        {"id": s.id, "title": s.title, "author": s.author, "publisher": s.publisher,
         "date": s.date, "date_precision": date_precision(s.date) if s.date else None,
         "file": s.file, "sha256": s.sha256, "note": s.note}
        for s in sorted(data.sources, key=lambda s: s.id)
    )
    records = sorted(data.records, key=lambda r: r.id)
    db["records"].insert_all(
        {"id": r.id, "kind": r.kind, "level": r.level, "title_descriptive": int(r.descriptive_title)}
        for r in records
    )
    db["names"].insert_all(
        {"record_id": r.id, "lang": lang, "text": r.names[lang],
         "is_translation": int(lang in r.translated_names)}
        for r in records for lang in vocab.LANGUAGES
    )
    db["summaries"].insert_all(
        {"record_id": r.id, "lang": lang, "text": r.summaries[lang]}
        for r in records for lang in vocab.LANGUAGES
    )
    for table, attr in (("acronyms", "acronyms"), ("aliases", "aliases")):
        db[table].insert_all(
            {"record_id": r.id, "position": i, "text": text}
            for r in records for i, text in enumerate(getattr(r, attr))
        )
    db["acronyms_ours"].insert_all(
        {"record_id": r.id, "lang": lang, "position": i, "text": text}
        for r in records for lang, texts in sorted(r.acronyms_ours.items()) for i, text in enumerate(texts)
    )
    db["record_sources"].insert_all(
        ({"record_id": r.id, "source_id": ref.source_id, "locator": ref.where}
         for r in records for ref in r.sources),
        ignore=True,
    )

    facts = [f for r in records for f in r.facts]
    disputes: dict[tuple[str, str], int] = {}
    for f in facts:
        if f.dispute:
            disputes[(f.record_id, f.dispute)] = disputes.get((f.record_id, f.dispute), 0) + 1
    db["facts"].insert_all(
        {"id": f.id, "record_id": f.record_id, "type": f.type, "dispute": f.dispute,
         "disputed": int(bool(f.dispute) and disputes[(f.record_id, f.dispute)] > 1)}
        for f in facts
    )
    def fact_source(f: Fact, ref: SourceRef) -> dict[str, str | None]:
        as_of = f.as_of or source_dates.get(ref.source_id) or None
        return {"fact_id": f.id, "source_id": ref.source_id, "locator": ref.where,
                "as_of": as_of, "as_of_precision": date_precision(as_of) if as_of else None}

    db["fact_sources"].insert_all((fact_source(f, ref) for f in facts for ref in f.sources), ignore=True)
    by_type: dict[str, list] = {}
    for f in facts:
        by_type.setdefault(f.type, []).append(f)
    db["relations"].insert_all(
        {"fact_id": f.id, "subject_id": f.record_id, "relation": f.data["relation"],
         "object_id": f.data["object_id"], **_lang_columns("role", f.data["role"])}
        for f in by_type.get("relation", [])
    )
    db["budgets"].insert_all(
        {"fact_id": f.id, "record_id": f.record_id,
         **{k: f.data[k] for k in ("aspect", "amount", "amount_max", "currency", "period",
                                   "year", "year_end", "qualifier")},
         "approximate": int(f.data["approximate"]), **_lang_columns("note", f.data["note"])}
        for f in by_type.get("budget", [])
    )
    db["dates"].insert_all(
        {"fact_id": f.id, "record_id": f.record_id, "aspect": f.data["aspect"],
         "date": f.data["date"], "precision": f.data["precision"],
         **_lang_columns("note", f.data["note"])}
        for f in by_type.get("date", [])
    )
    db["statements"].insert_all(
        {"fact_id": f.id, "record_id": f.record_id, "aspect": f.data["aspect"],
         **_lang_columns("text", f.data["text"])}
        for f in by_type.get("statement", [])
    )
    db["links"].insert_all(
        {"fact_id": f.id, "record_id": f.record_id, "url": f.data["url"], "lang": f.data["lang"]}
        for f in by_type.get("link", [])
    )


def build(db_dir: Path, target: Path | None = None, seeds_dir: Path | None = None) -> Path:
    """Validate the sources under ``db_dir`` and build the database; return its path.

    Raises :class:`SourceDataError` listing every problem; nothing is written then.
    """
    from belgai_desktop.core.data.check import check_source_data

    data = read_all(db_dir)
    problems = check_source_data(data, seeds_dir)
    if problems:
        raise SourceDataError(
            _("{n} problem(s) in the reference data; nothing was built:").format(n=len(problems)) + "\n"
            + "\n".join(f"  {p}" for p in problems)
        )
    target = target or db_dir / DATABASE_NAME
    check_output(target)
    tmp: Path | None = None
    try:
        remove_abandoned(target.parent, "build")
        fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix("build"), suffix=".sqlite", dir=target.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        tmp.unlink()
        conn = sqlite3.connect(tmp)
        try:
            db = sqlite_utils.Database(conn)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = DELETE")
            with conn:
                _create_schema(db)
                _write(db, data, source_hash(db_dir))
            problems = [str(row) for row in conn.execute("PRAGMA foreign_key_check")]
            if problems:
                raise SourceDataError(_("foreign key violations: {violations}").format(violations="; ".join(problems)))
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("VACUUM")
        finally:
            conn.close()
        os.chmod(tmp, 0o644)
        check_output(target)  # a device or folder put there during the build is still refused
        os.replace(tmp, target)
    except (OSError, sqlite3.OperationalError) as exc:  # the place, not the data: disk full, unwritable
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise BelgaiError(_("cannot write {path}: {reason}").format(path=target, reason=reason)) from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    return target
