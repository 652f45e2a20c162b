"""Validation of the reference data and of the built database (``belgai db check``).

Owns the rules that keep the data trustworthy: every reference resolves, every
language is present, every fact is sourced, disagreements are declared, and no
e-mail, phone number or web address appears that the documents do not contain.
Each function returns a list of readable problems; an empty list means all is well.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from belgai_desktop.core import messages, paths
from belgai_desktop.core.data import vocab
from belgai_desktop.core.data.facts import BudgetData, DateData, Fact, LinkData, RelationData, StatementData
from belgai_desktop.core.data.model import Source
from belgai_desktop.core.data.schema import LANG_TEXTS, SCHEMA_VERSION, connect_read_only, lang_columns
from belgai_desktop.core.data.seeds import SeedTexts
from belgai_desktop.core.data.sourcedata import RecordData, SourceData, read_all, source_hash
from belgai_desktop.core.errors import BelgaiError, DatabaseError
from belgai_desktop.core.i18n import gettext as _

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_RE = re.compile(
    r"(?<![\w/])(?:(?:\+|00)\d{2}[\s./-]?\(?\d\)?(?:[\s./-]?\d{2,3}){3,4}"
    r"|0\d{1,3}[\s./-]\d{2,3}[\s./-]?\d{2}[\s./-]?\d{2})(?![\w/])"
)
URL_RE = re.compile(r"https?://|\bwww\.", re.IGNORECASE)
def text_problems(where: str, text: str | None) -> list[str]:
    """Contact details and web addresses belong in link facts only, never in prose."""
    if not text:
        return []
    problems = []
    for m in EMAIL_RE.finditer(text):
        problems.append(f"{where}: contains an e-mail address {m.group()!r}")
    for m in PHONE_RE.finditer(text):
        problems.append(f"{where}: contains a phone number {m.group()!r}")
    if URL_RE.search(text):
        problems.append(f"{where}: contains a web address; use a [[link]] with its source")
    return problems


# Statement aspects that quote an official title or a name, which may be copied verbatim.
QUOTABLE_ASPECTS = frozenset({"official-title", "name", "name-variant"})


def _record_texts(r: RecordData) -> list[tuple[str, str, bool]]:
    """(where, text, own_words): every text of a record, and whether it must be in our own
    words (English summaries and statements, except statements quoting a title)."""
    texts = [(f"{r.id} name.{lang}", t, False) for lang, t in r.names.items()]
    texts += [(f"{r.id} summary.{lang}", t, lang == "en") for lang, t in r.summaries.items()]
    texts += [(f"{r.id} alias", t, False) for t in r.aliases + r.acronyms]
    for f in r.facts:
        own = isinstance(f.data, StatementData) and f.data.aspect not in QUOTABLE_ASPECTS
        for key, by_lang in f.texts():
            for lang, t in by_lang.items():
                texts.append((f"{f.id} {key}.{lang}", t, own and lang == "en"))
    return texts


def check_source_data(data: SourceData, seeds_dir: Path | None = None) -> list[str]:
    """Every problem in the TOML sources: format, references, languages, sourcing, disputes."""
    problems = list(data.problems)
    source_ids = {s.id for s in data.sources}
    if len(source_ids) != len(data.sources):
        problems.append("sources.toml: duplicate source ids")
    seeds = SeedTexts(seeds_dir, data.sources)
    problems += seeds.problems
    seeds.set_names([n for r in data.records for n in (*r.names.values(), *r.aliases, *r.acronyms)])

    ids = [r.id for r in data.records]
    record_ids = set(ids)
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"{dup}: id used by more than one file")

    for r in data.records:
        for ref in r.sources:
            if ref.source_id not in source_ids:
                problems.append(f"{r.id}: unknown source {ref.source_id!r}")
        for f in r.facts:
            if not f.sources:
                continue  # reported by the reader already
            for ref in f.sources:
                if ref.source_id not in source_ids:
                    problems.append(f"{f.id}: unknown source {ref.source_id!r}")
            if isinstance(f.data, RelationData):
                target = f.data.object_id
                if target and target not in record_ids:
                    problems.append(f"{f.id}: relation {f.data.relation} points to unknown record {target!r}")
                if target == r.id:
                    problems.append(f"{f.id}: relation points to the record itself")
            if isinstance(f.data, LinkData) and f.data.url:
                p = seeds.url_problem(f.id, f.data.url, [ref.source_id for ref in f.sources])
                if p:
                    problems.append(p)
        for where, text, own_words in _record_texts(r):
            problems += text_problems(where, text)
            if own_words:
                run = seeds.copied_run(text)
                if run:
                    problems.append(f"{where}: copies a document's wording ({run!r}); write it in our own words")
        problems += _dispute_problems(r)
        problems += _title_problems(r, seeds)
    return problems


def _title_problems(r: RecordData, seeds: SeedTexts) -> list[str]:
    """A title no document gives must be marked as ours (``name.descriptive``), so that no
    reader takes a title we wrote for an official name; and a marked one must really be ours."""
    if not seeds.available:
        return []
    if r.descriptive_title:
        found = seeds.contains(r.names.get("en", ""))
        if found:
            return [f"{r.id}: name.descriptive is set, but {found} gives the title {r.names['en']!r}; "
                    "remove the mark"]
        return []
    return [
        f"{r.id} name.{lang}: the title {name!r} is in no document; use the document's wording, "
        f"or mark it as ours under [name]: `descriptive = true` (a title we wrote) or {lang!r} in "
        "`translated` (our translation)"
        for lang, name in r.names.items()
        if lang not in r.translated_names and not seeds.contains(name)
    ]


def _dispute_problems(r: RecordData) -> list[str]:
    """Different values for the same thing must be declared as a dispute, never left silent."""
    problems = []
    # (fact type, aspect) → [(fact, its value)]
    groups: dict[tuple[str, str], list[tuple[Fact, object]]] = defaultdict(list)
    for f in r.facts:
        if isinstance(f.data, BudgetData):
            groups[("budget", f.data.aspect)].append((f, (f.data.amount, f.data.amount_max, f.data.year)))
        elif isinstance(f.data, DateData):
            groups[("date", f.data.aspect)].append((f, f.data.date))
    for (fact_type, aspect), values in groups.items():
        undeclared = [f for f, _ in values if not f.dispute]
        if len({value for _, value in values}) > 1 and undeclared:
            problems.append(
                f"{r.id}: {fact_type}s with aspect {aspect!r} disagree but "
                f"{', '.join(f.id for f in undeclared)} has no 'dispute' key"
            )
    keys: dict[str, int] = defaultdict(int)
    for f in r.facts:
        if f.dispute:
            keys[f.dispute] += 1
    for key, count in keys.items():
        if count < 2:
            problems.append(f"{r.id}: dispute {key!r} has only one fact; a dispute needs every value")
    return problems


def check_database(path: Path, db_dir: Path | None = None, seeds_dir: Path | None = None) -> list[str]:
    """Every problem in a built database file."""

    try:
        conn = connect_read_only(path)
    except DatabaseError as exc:
        return [str(exc)]
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return [f"{path}: not a readable SQLite database ({exc})"]
    problems: list[str] = []
    if version != SCHEMA_VERSION:
        return [f"{path}: schema version {version}, expected {SCHEMA_VERSION}; rebuild with `belgai db build`"]
    if integrity != "ok":
        problems.append(f"{path}: integrity check failed: {integrity}")

    def rows(sql: str) -> list[tuple]:
        return conn.execute(sql).fetchall()

    for row in rows("PRAGMA foreign_key_check"):
        problems.append(f"dangling reference in table {row[0]} (row {row[1]}) to {row[2]}")
    n_langs = len(vocab.LANGUAGES)
    for table in ("names", "summaries"):
        for (rid,) in rows(
            f"SELECT r.id FROM records r LEFT JOIN {table} t ON t.record_id = r.id "
            f"AND trim(coalesce(t.text, '')) != '' GROUP BY r.id HAVING count(t.lang) < {n_langs}"
        ):
            problems.append(f"{rid}: {table} missing in some of {', '.join(vocab.LANGUAGES)}")
    for (fid,) in rows(
        "SELECT f.id FROM facts f LEFT JOIN fact_sources s ON s.fact_id = f.id "
        "WHERE s.fact_id IS NULL"
    ):
        problems.append(f"{fid}: fact has no source")
    for rid, kind, level in rows("SELECT id, kind, level FROM records"):
        if kind not in vocab.KINDS:
            problems.append(f"{rid}: unknown kind {kind!r}")
        if level not in vocab.LEVELS:
            problems.append(f"{rid}: unknown level {level!r}")
    text_queries = [
        "SELECT record_id || ' name.' || lang, text FROM names",
        "SELECT record_id || ' summary.' || lang, text FROM summaries",
        "SELECT record_id || ' alias', text FROM aliases",
        *[f"SELECT fact_id || ' {c}', {c} FROM {t}" for t, _owner, prefix in LANG_TEXTS for c in lang_columns(prefix)],
    ]
    for sql in text_queries:
        for where, text in rows(sql):
            problems += text_problems(where, text)

    sources = [
        Source(id=i, file=f, sha256=h, title="", author="", publisher="", date="", date_precision=None, note="")
        for i, f, h in rows("SELECT id, file, sha256 FROM sources")
    ]
    seeds = SeedTexts(seeds_dir, sources)
    link_sources: dict[tuple[str, str], list[str]] = defaultdict(list)
    for fid, url, sid in rows(
        "SELECT l.fact_id, l.url, s.source_id FROM links l JOIN fact_sources s ON s.fact_id = l.fact_id"
    ):
        link_sources[(fid, url)].append(sid)
    for (fid, url), sids in sorted(link_sources.items()):
        p = seeds.url_problem(fid, url, sids)
        if p:
            problems.append(p)

    if db_dir is not None and (db_dir / "sources.toml").is_file():
        stored = dict(rows("SELECT key, value FROM meta")).get("source_hash")
        if stored != source_hash(db_dir):
            problems.append(f"{path}: out of date with the sources in {db_dir}; run `belgai db build`")
    conn.close()
    return problems


def source_folder(db_dir: Path | None, action: str) -> Path:
    """``db_dir``, or the checkout's ``db/``; an installed wheel or bundle carries the built
    data only, and then ``belgai db ACTION`` says so."""
    folder = db_dir or paths.source_db_dir()
    if folder is None:
        raise BelgaiError(_("`belgai db {action}` needs a source checkout (the TOML sources in db/); "
                            "this installation carries only the built database").format(action=action))
    return folder


@dataclass(frozen=True)
class CheckReport:
    database: Path  # the database file checked
    problems: list[str]  # empty: every check passed


def check_all(db_dir: Path | None = None, database: Path | None = None, seeds_dir: Path | None = None) -> CheckReport:
    """``belgai db check``: the TOML sources under ``db_dir`` (default: the checkout's) and the
    database built from them (default: the one beside them), against the source documents
    (default: the shared seeds). Without the documents, says so (a warning on the message
    bridge) and checks everything else."""

    db_dir = source_folder(db_dir, "check")
    seeds: Path | None = seeds_dir or paths.seeds_dir()
    if seeds is not None and not seeds.is_dir():
        messages.warning(_("source documents not found in {path}: web addresses not verified").format(path=seeds))
        seeds = None
    problems = check_source_data(read_all(db_dir), seeds)
    database = database or db_dir / paths.DATABASE_NAME
    problems += check_database(database, db_dir, seeds)
    return CheckReport(database, problems)
