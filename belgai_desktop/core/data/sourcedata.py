"""Reads and validates the human-reviewable reference data under ``db/``.

Owns the TOML format described in ``db/FORMAT.md``: one file per record in
``db/records/`` and the source documents in ``db/sources.toml``. Produces plain
dataclasses for :mod:`belgai_desktop.core.data.build`: a typed payload per type of fact, and
the documents as :class:`~belgai_desktop.core.data.model.Source`. Imports only the standard
library, :mod:`belgai_desktop.core.data.vocab` and :mod:`belgai_desktop.core.data.model`.

Run ``python -m belgai_desktop.core.data.sourcedata FILE...`` to check single files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from belgai_desktop.core.data import vocab
from belgai_desktop.core.data.model import Source

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class SourceRef:
    source_id: str
    where: str = ""

    @classmethod
    def parse(cls, text: str) -> SourceRef:
        source_id, _, where = text.partition("#")
        return cls(source_id.strip(), where.strip())


# What each type of fact says, besides its sources. A value the reader found wrong is stored
# empty (and the problem listed with its file and table), so that every problem is reported.
@dataclass(frozen=True)
class RelationData:
    relation: str
    object_id: str
    role: dict[str, str]  # language → the role's wording ("supported by"), when the source gives one


@dataclass(frozen=True)
class BudgetData:
    aspect: str
    amount: float | None
    amount_max: float | None
    currency: str
    period: str
    year: int | None
    year_end: int | None
    approximate: bool
    qualifier: str | None
    note: dict[str, str]


@dataclass(frozen=True)
class DateData:
    aspect: str
    date: str | None
    precision: str | None  # "year", "month" or "day"
    note: dict[str, str]


@dataclass(frozen=True)
class StatementData:
    aspect: str
    text: dict[str, str]


@dataclass(frozen=True)
class LinkData:
    url: str
    lang: str | None


FactData = RelationData | BudgetData | DateData | StatementData | LinkData


@dataclass
class Fact:
    """One sourced statement about a record; ``data`` says what (None for a name or a summary,
    whose texts are the record's)."""

    id: str
    type: str
    record_id: str
    sources: list[SourceRef]
    as_of: str | None = None
    dispute: str | None = None
    data: FactData | None = None

    def texts(self) -> list[tuple[str, dict[str, str]]]:
        """(key in the TOML, language → text): the fact's texts written in every language."""
        d = self.data
        if isinstance(d, RelationData):
            return [("role", d.role)]
        if isinstance(d, BudgetData | DateData):
            return [("note", d.note)]
        if isinstance(d, StatementData):
            return [("text", d.text)]
        return []


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


def _acronyms_ours(r: Any, raw: dict[str, Any]) -> dict[str, list[str]]:
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


def date_precision(value: str) -> str:
    """'year', 'month' or 'day' for an ISO date string of that precision."""
    m = DATE_RE.match(value)
    if not m:
        raise ValueError(f"not an ISO date of year, month or day precision: {value!r}")
    year, month, day = m.groups()
    dt.date(int(year), int(month or 1), int(day or 1))  # raises on 2024-13 or 2024-02-30
    return "day" if day else "month" if month else "year"


class _Reader:
    """Collects problems while reading one TOML table, instead of stopping at the first."""

    def __init__(self, where: str, problems: list[str]) -> None:
        self.where = where
        self.problems = problems

    def problem(self, msg: str) -> None:
        self.problems.append(f"{self.where}: {msg}")

    def text(self, table: dict[str, Any], key: str, required: bool = True) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(f"missing {key!r}")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(f"{key!r} must be a non-empty string")
            return ""
        return value.strip()

    def strings(self, table: dict[str, Any], key: str) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(f"{key!r} must be a list of non-empty strings")
            return []
        return [v.strip() for v in value]

    def languages(self, value: Any, what: str, required: bool = True) -> dict[str, str]:
        if value is None and not required:
            return {}
        if not isinstance(value, dict):
            self.problem(f"{what} must be a table with {', '.join(vocab.LANGUAGES)}")
            return {}
        out = {}
        for lang in vocab.LANGUAGES:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                self.problem(f"{what} has no {lang!r} text")
            else:
                out[lang] = " ".join(text.split())
        return out

    def refs(self, table: dict[str, Any], what: str) -> list[SourceRef]:
        refs = [SourceRef.parse(s) for s in self.strings(table, "sources")]
        if not refs:
            self.problem(f"{what} has no sources")
        return refs

    def date(self, value: Any, what: str) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(f"{what} must be a quoted string like \"2019-07\"")
            return None
        try:
            date_precision(value)
        except ValueError as exc:
            self.problem(f"{what}: {exc}")
            return None
        return value


def _fact(r: _Reader, record_id: str, fact_type: str, n: int, table: dict[str, Any]) -> Fact:
    dispute = table.get("dispute")
    if dispute is not None and not (isinstance(dispute, str) and dispute.strip()):
        r.problem("'dispute' must be a non-empty string")
        dispute = None
    return Fact(
        id=f"{record_id}/{fact_type}/{n}",
        type=fact_type,
        record_id=record_id,
        sources=r.refs(table, fact_type),
        as_of=r.date(table.get("as_of"), "as_of"),
        dispute=dispute,
        data=_FACT_READERS[fact_type](r, table),
    )


def _read_relation(r: _Reader, t: dict[str, Any]) -> RelationData:
    rel = r.text(t, "type")
    if rel and rel not in vocab.RELATIONS:
        r.problem(f"unknown relation type {rel!r}")
    to = r.text(t, "to")
    role = r.languages(t.get("role"), "role", required=False)
    return RelationData(relation=rel, object_id=to, role=role)


def _number(value: object) -> float | None:
    """A TOML number (an integer stays an integer: the database stores what the file says)."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _read_budget(r: _Reader, t: dict[str, Any]) -> BudgetData:
    amount, amount_max = _number(t.get("amount")), _number(t.get("amount_max"))
    if amount is None or amount < 0:
        r.problem("budget 'amount' must be a non-negative number")
    if t.get("amount_max") is not None and (amount_max is None or amount is None or amount_max <= amount):
        r.problem("budget 'amount_max' must be a number above 'amount'")
    currency = r.text(t, "currency")
    if currency and not re.fullmatch(r"[A-Z]{3}", currency):
        r.problem(f"currency {currency!r} is not an ISO 4217 code")
    period = r.text(t, "period")
    if period and period not in vocab.BUDGET_PERIODS:
        r.problem(f"budget period must be one of {', '.join(vocab.BUDGET_PERIODS)}")
    qualifier = t.get("qualifier")
    if qualifier is not None and qualifier not in vocab.BUDGET_QUALIFIERS:
        r.problem(f"budget qualifier must be one of {', '.join(vocab.BUDGET_QUALIFIERS)}")
    years: dict[str, int | None] = {}
    for key in ("year", "year_end"):
        value = t.get(key)
        years[key] = value if isinstance(value, int) and not isinstance(value, bool) and 1900 < value < 2100 else None
        if key in t and years[key] is None:
            r.problem(f"budget {key!r} must be a year")
    return BudgetData(
        aspect=r.text(t, "aspect"),
        amount=amount,
        amount_max=amount_max,
        currency=currency,
        period=period,
        year=years["year"],
        year_end=years["year_end"],
        approximate=bool(t.get("approximate", False)),
        qualifier=qualifier if isinstance(qualifier, str) else None,
        note=r.languages(t.get("note"), "budget note", required=False),
    )


def _read_date(r: _Reader, t: dict[str, Any]) -> DateData:
    date = r.date(t.get("date"), "date")
    if t.get("date") is None:
        r.problem("date fact has no 'date'")
    return DateData(
        aspect=r.text(t, "aspect"),
        date=date,
        precision=date_precision(date) if date else None,
        note=r.languages(t.get("note"), "date note", required=False),
    )


def _read_statement(r: _Reader, t: dict[str, Any]) -> StatementData:
    return StatementData(aspect=r.text(t, "aspect"), text=r.languages(t.get("text"), "statement text"))


def _read_link(r: _Reader, t: dict[str, Any]) -> LinkData:
    url = r.text(t, "url")
    if url and not re.match(r"^https?://\S+$", url):
        r.problem(f"link {url!r} is not an http(s) URL")
    lang = t.get("lang")
    if lang is not None and lang not in vocab.LANGUAGES:
        r.problem(f"link lang {lang!r} is not one of {', '.join(vocab.LANGUAGES)}")
    return LinkData(url=url, lang=lang if lang in vocab.LANGUAGES else None)


_FACT_READERS: dict[str, Callable[[_Reader, dict[str, Any]], FactData]] = {
    "relation": _read_relation,
    "budget": _read_budget,
    "date": _read_date,
    "statement": _read_statement,
    "link": _read_link,
}
_KNOWN_KEYS = {"id", "kind", "level", "acronyms", "acronyms_ours", "aliases", "sources", "name", "summary",
               *_FACT_READERS}


def read_record(path: Path, problems: list[str]) -> RecordData | None:
    """Read one record file; append format problems to ``problems``."""
    r = _Reader(path.name, problems)
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
    for fact_type in _FACT_READERS:
        tables = raw.get(fact_type, [])
        if not isinstance(tables, list):
            r.problem(f"{fact_type!r} must be written as [[{fact_type}]] tables")
            continue
        for n, table in enumerate(tables, start=1):
            sub = _Reader(f"{r.where} [[{fact_type}]] #{n}", problems)
            if not isinstance(table, dict):
                sub.problem(f"must be a table ([[{fact_type}]])")
                continue
            facts.append(_fact(sub, record_id, fact_type, n, table))

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
        r = _Reader(f"{path.name} source #{n}", problems)
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
