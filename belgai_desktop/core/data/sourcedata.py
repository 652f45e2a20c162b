"""Reads and validates the human-reviewable reference data under ``db/``.

Owns the TOML format described in ``db/FORMAT.md``: one file per record in
``db/records/`` (its facts are read by :mod:`~belgai_desktop.core.data.facts`) and the source
documents in ``db/sources.toml``. Produces plain dataclasses for
:mod:`belgai_desktop.core.data.build`, the documents as
:class:`~belgai_desktop.core.data.model.Source`. Imports only the standard library and
:mod:`belgai_desktop.core.data` (vocab, model, toml_reader, facts).

Run ``python -m belgai_desktop.core.data.sourcedata FILE...`` to check single files.
"""

from __future__ import annotations

import hashlib
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from belgai_desktop.core.data import vocab
from belgai_desktop.core.data.facts import FACT_READERS, Fact, read_fact
from belgai_desktop.core.data.model import Source
from belgai_desktop.core.data.toml_reader import Reader, SourceRef, date_precision

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class RecordData:
    id: str
    kind: str
    level: str
    path: Path
    acronyms: list[str]
    aliases: list[str]
    sources: list[SourceRef]
    # Acronyms a language uses that no document gives (the body's own or common usage): ours.
    acronyms_ours: dict[str, list[str]]
    names: dict[str, str]
    translated_names: set[str]
    descriptive_title: bool  # the title is ours, describing the record: no document gives it
    summaries: dict[str, str]
    facts: list[Fact]


def _acronyms_ours(r: Reader, raw: dict[str, Any]) -> dict[str, list[str]]:
    """``acronyms_ours = { fr = ["IBPT"] }``: per language, acronyms no document gives."""
    value = raw.get("acronyms_ours", {})
    if not isinstance(value, dict) or not all(lang in vocab.LANGUAGES for lang in value):
        r.problem(f"'acronyms_ours' must be a table keyed by {', '.join(vocab.LANGUAGES)}")
        return {}
    return {lang: r.strings(value, lang) for lang in vocab.LANGUAGES if lang in value}


def source_hash(db_dir: Path) -> str:
    """A hash of every source file: the database records it to detect staleness."""
    h = hashlib.sha256()
    files = [db_dir / "sources.toml", *sorted((db_dir / "records").glob("*.toml"))]
    for path in files:
        h.update(path.relative_to(db_dir).as_posix().encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


_KNOWN_KEYS = {"id", "kind", "level", "acronyms", "acronyms_ours", "aliases", "sources", "name", "summary",
               *FACT_READERS}


def read_record(path: Path, problems: list[str]) -> RecordData | None:
    """Read one record file; append format problems to ``problems``."""
    r = Reader(path.name, problems)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        r.problem(f"cannot read TOML: {exc}")
        return None
    record_id = r.text(raw, "id")
    if record_id and (not ID_RE.match(record_id) or record_id != path.stem):
        r.problem(f"id {record_id!r} must be a lowercase slug equal to the file name")
    r.where = record_id or path.name
    for key in raw.keys() - _KNOWN_KEYS:
        r.problem(f"unknown key {key!r}")
    kind = r.text(raw, "kind")
    if kind and kind not in vocab.KINDS:
        r.problem(f"unknown kind {kind!r}")
    level = r.text(raw, "level")
    if level and level not in vocab.LEVELS:
        r.problem(f"unknown level {level!r}")

    name_table: dict[str, Any] = raw["name"] if isinstance(raw.get("name"), dict) else {}
    names = r.languages(name_table, "name")
    translated = set(r.strings(name_table, "translated"))
    descriptive = name_table.get("descriptive", False)
    if not isinstance(descriptive, bool):
        r.problem("name.descriptive must be true or false")
        descriptive = False
    if translated - set(vocab.LANGUAGES):
        r.problem(f"name.translated has unknown languages {sorted(translated - set(vocab.LANGUAGES))}")
    if translated >= set(vocab.LANGUAGES):
        r.problem("name.translated lists every language: at least one name must come from a source")
    summary_table: dict[str, Any] = raw["summary"] if isinstance(raw.get("summary"), dict) else {}
    summaries = r.languages(summary_table, "summary")

    facts = [
        Fact(f"{record_id}/name", "name", record_id, r.refs(name_table, "name")),
        Fact(f"{record_id}/summary", "summary", record_id, r.refs(summary_table, "summary")),
    ]
    for fact_type in FACT_READERS:
        tables = raw.get(fact_type, [])
        if not isinstance(tables, list):
            r.problem(f"{fact_type!r} must be written as [[{fact_type}]] tables")
            continue
        for n, table in enumerate(tables, start=1):
            sub = Reader(f"{r.where} [[{fact_type}]] #{n}", problems)
            if not isinstance(table, dict):
                sub.problem(f"must be a table ([[{fact_type}]])")
                continue
            facts.append(read_fact(sub, record_id, fact_type, n, table))

    return RecordData(
        id=record_id,
        kind=kind,
        level=level,
        path=path,
        acronyms=r.strings(raw, "acronyms"),
        acronyms_ours=_acronyms_ours(r, raw),
        aliases=r.strings(raw, "aliases"),
        sources=r.refs(raw, "record"),
        names=names,
        translated_names=translated,
        descriptive_title=descriptive,
        summaries=summaries,
        facts=facts,
    )


def read_sources(path: Path, problems: list[str]) -> list[Source]:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problems.append(f"{path.name}: cannot read TOML: {exc}")
        return []
    docs = []
    for n, table in enumerate(raw.get("source", []), start=1):
        r = Reader(f"{path.name} source #{n}", problems)
        date = r.date(table.get("date"), "date") or ""
        doc = Source(
            id=r.text(table, "id"),
            file=r.text(table, "file"),
            sha256=r.text(table, "sha256"),
            title=r.text(table, "title"),
            author=r.text(table, "author", required=False),
            publisher=r.text(table, "publisher"),
            date=date,
            date_precision=date_precision(date) if date else None,
            note=r.text(table, "note", required=False),
        )
        docs.append(doc)
    return docs


@dataclass
class SourceData:
    sources: list[Source]
    records: list[RecordData]
    problems: list[str]


def read_all(db_dir: Path) -> SourceData:
    """Read ``sources.toml`` and every record file, sorted by id for a deterministic build."""
    problems: list[str] = []
    sources = read_sources(db_dir / "sources.toml", problems)
    records = []
    for path in sorted((db_dir / "records").glob("*.toml")):
        record = read_record(path, problems)
        if record is not None:
            records.append(record)
    return SourceData(sources, records, problems)


def main(argv: list[str]) -> int:
    problems: list[str] = []
    for name in argv:
        read_record(Path(name), problems)
    for p in problems:
        print(p)
    print(f"{len(argv)} file(s), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
