"""Builds the bundled SQLite reference database from the TOML sources under ``db/``.

Writes the layout of :mod:`belgai_desktop.core.data.schema` (and its version into
``PRAGMA user_version``). The build is deterministic: rows are written in sorted order
into a fresh file, so the same sources give a byte-identical database. It writes to a temporary file and swaps it
in, so a failed build never leaves a half-written database behind.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path
from typing import TypeVar

import sqlite_utils

from belgai_desktop.core import paths
from belgai_desktop.core.data import schema, vocab
from belgai_desktop.core.data.check import check_source_data
from belgai_desktop.core.data.facts import (
    BudgetData,
    DateData,
    Fact,
    FactData,
    LinkData,
    RelationData,
    StatementData,
)
from belgai_desktop.core.data.schema import SCHEMA_VERSION
from belgai_desktop.core.data.sourcedata import SourceData, read_all, source_hash
from belgai_desktop.core.data.toml_reader import SourceRef, date_precision
from belgai_desktop.core.errors import BelgaiError, SourceDataError
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.outputs import check_output, remove_abandoned, temp_prefix

D = TypeVar("D", bound=FactData)


def _lang_columns(prefix: str, texts: dict[str, str]) -> dict[str, str | None]:
    return {schema.lang_column(prefix, lang): texts.get(lang) for lang in vocab.LANGUAGES}


def _write(db: sqlite_utils.Database, data: SourceData, digest: str) -> None:
    source_dates = {s.id: s.date for s in data.sources}
    db.table("meta").insert_all(
        [
            {"key": "schema_version", "value": str(SCHEMA_VERSION)},
            {"key": "source_hash", "value": digest},
            # The data is as recent as its newest document.
            {"key": "as_of", "value": max(source_dates.values(), default="")},
        ]
    )
    db.table("sources").insert_all(
        {"id": s.id, "title": s.title, "author": s.author, "publisher": s.publisher,
         "date": s.date, "date_precision": s.date_precision,
         "file": s.file, "sha256": s.sha256, "note": s.note}
        for s in sorted(data.sources, key=lambda s: s.id)
    )
    records = sorted(data.records, key=lambda r: r.id)
    db.table("records").insert_all(
        {"id": r.id, "kind": r.kind, "level": r.level, "title_descriptive": int(r.descriptive_title)}
        for r in records
    )
    db.table("names").insert_all(
        {"record_id": r.id, "lang": lang, "text": r.names[lang],
         "is_translation": int(lang in r.translated_names)}
        for r in records for lang in vocab.LANGUAGES
    )
    db.table("summaries").insert_all(
        {"record_id": r.id, "lang": lang, "text": r.summaries[lang]}
        for r in records for lang in vocab.LANGUAGES
    )
    for table, attr in (("acronyms", "acronyms"), ("aliases", "aliases")):
        db.table(table).insert_all(
            {"record_id": r.id, "position": i, "text": text}
            for r in records for i, text in enumerate(getattr(r, attr))
        )
    db.table("acronyms_ours").insert_all(
        {"record_id": r.id, "lang": lang, "position": i, "text": text}
        for r in records for lang, texts in sorted(r.acronyms_ours.items()) for i, text in enumerate(texts)
    )
    db.table("record_sources").insert_all(
        ({"record_id": r.id, "source_id": ref.source_id, "locator": ref.where}
         for r in records for ref in r.sources),
        ignore=True,
    )

    facts = [f for r in records for f in r.facts]
    disputes: dict[tuple[str, str], int] = {}
    for f in facts:
        if f.dispute:
            disputes[(f.record_id, f.dispute)] = disputes.get((f.record_id, f.dispute), 0) + 1
    disputed = {key for key, n in disputes.items() if n > 1}  # a dispute needs two values at least
    db.table("facts").insert_all(
        {"id": f.id, "record_id": f.record_id, "type": f.type, "dispute": f.dispute,
         "disputed": int((f.record_id, f.dispute) in disputed)}
        for f in facts
    )

    def fact_source(f: Fact, ref: SourceRef) -> dict[str, str | None]:
        as_of = f.as_of or source_dates.get(ref.source_id) or None
        return {"fact_id": f.id, "source_id": ref.source_id, "locator": ref.where,
                "as_of": as_of, "as_of_precision": date_precision(as_of) if as_of else None}

    db.table("fact_sources").insert_all((fact_source(f, ref) for f in facts for ref in f.sources), ignore=True)
    def of_type(kind: type[D]) -> list[tuple[Fact, D]]:
        return [(f, f.data) for f in facts if isinstance(f.data, kind)]

    db.table("relations").insert_all(
        {"fact_id": f.id, "subject_id": f.record_id, "relation": d.relation,
         "object_id": d.object_id, **_lang_columns("role", d.role)}
        for f, d in of_type(RelationData)
    )
    db.table("budgets").insert_all(
        {"fact_id": f.id, "record_id": f.record_id, "aspect": d.aspect, "amount": d.amount,
         "amount_max": d.amount_max, "currency": d.currency, "period": d.period, "year": d.year,
         "year_end": d.year_end, "qualifier": d.qualifier,
         "approximate": int(d.approximate), **_lang_columns("note", d.note)}
        for f, d in of_type(BudgetData)
    )
    db.table("dates").insert_all(
        {"fact_id": f.id, "record_id": f.record_id, "aspect": d.aspect,
         "date": d.date, "precision": d.precision, **_lang_columns("note", d.note)}
        for f, d in of_type(DateData)
    )
    db.table("statements").insert_all(
        {"fact_id": f.id, "record_id": f.record_id, "aspect": d.aspect, **_lang_columns("text", d.text)}
        for f, d in of_type(StatementData)
    )
    db.table("links").insert_all(
        {"fact_id": f.id, "record_id": f.record_id, "url": d.url, "lang": d.lang}
        for f, d in of_type(LinkData)
    )

def build(db_dir: Path, target: Path | None = None, seeds_dir: Path | None = None) -> Path:
    """Validate the sources under ``db_dir`` and build the database; return its path.

    Raises :class:`SourceDataError` listing every problem; nothing is written then.
    """
    data = read_all(db_dir)
    problems = check_source_data(data, seeds_dir)
    if problems:
        raise SourceDataError(
            _("{n} problem(s) in the reference data; nothing was built:").format(n=len(problems)) + "\n"
            + "\n".join(f"  {p}" for p in problems)
        )
    target = target or db_dir / paths.DATABASE_NAME
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
                schema.create(db)
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
