"""What a user reads about a record: plain dataclasses, independent of storage and Qt.

``Record.to_json()`` is the output contract of ``belgai show --json`` (see README).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Source:
    """One of the documents the data is built from, as ``db/sources.toml`` cites it."""

    id: str
    title: str
    author: str
    publisher: str
    date: str
    date_precision: str | None  # "year", "month" or "day"; None when the document has no date
    file: str  # its name among the source documents
    note: str
    sha256: str  # of the version cited: `belgai db check` says when the document differs


@dataclass(frozen=True)
class Citation:
    """Where one fact comes from: a document, a place in it, and the as-of date."""

    source_id: str
    title: str
    file: str
    where: str
    as_of: str | None
    as_of_precision: str | None


@dataclass(frozen=True)
class Name:
    text: str
    is_translation: bool


@dataclass
class Related:
    """A link to another record, with the relation as seen from the record shown."""

    id: str
    kind: str
    level: str
    title: str
    relation: str
    direction: str  # "out": this record <relation> other; "in": other <relation> this record
    role: str | None
    citations: list[Citation]
    title_is_translation: bool = False  # the title in this language is our translation
    title_descriptive: bool = False  # the title is one we wrote; no document gives it
    # For a part of the record shown: what it holds in turn (its parts, what implements it).
    parts: list[Related] = field(default_factory=list)


@dataclass
class Budget:
    aspect: str
    amount: float
    amount_max: float | None
    currency: str
    period: str
    year: int | None
    year_end: int | None
    approximate: bool
    qualifier: str | None
    note: str | None
    disputed: bool
    dispute: str | None
    citations: list[Citation]


@dataclass
class DateFact:
    aspect: str
    date: str
    precision: str
    note: str | None
    disputed: bool
    dispute: str | None
    citations: list[Citation]


@dataclass
class Statement:
    aspect: str
    text: str
    disputed: bool
    dispute: str | None
    citations: list[Citation]


@dataclass
class Link:
    url: str
    lang: str | None
    citations: list[Citation]


@dataclass
class RecordSummary:
    """A line in a list: enough to show and open a record."""

    id: str
    kind: str
    level: str
    title: str


@dataclass
class Record:
    id: str
    kind: str
    kind_group: str
    level: str
    lang: str
    title: str
    title_is_translation: bool
    names: dict[str, Name]
    name_citations: list[Citation]
    acronyms: list[str]
    aliases: list[str]
    summary: str
    summary_lang: str  # differs from ``lang`` when the summary falls back to English
    summaries: dict[str, str]
    summary_citations: list[Citation]
    parents: list[Related] = field(default_factory=list)
    children: list[Related] = field(default_factory=list)
    people: list[Related] = field(default_factory=list)
    roles: list[Related] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    budgets: list[Budget] = field(default_factory=list)
    dates: list[DateFact] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    # A title written by us to describe the record: no document gives it.
    title_descriptive: bool = False
    # Acronyms each language uses that no document gives (ours), by language.
    acronyms_ours: dict[str, list[str]] = field(default_factory=dict)

    @property
    def acronym(self) -> str | None:
        return self.acronyms[0] if self.acronyms else None

    @property
    def disputed(self) -> bool:
        facts: list[Budget | DateFact | Statement] = [*self.budgets, *self.dates, *self.statements]
        return any(f.disputed for f in facts)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["names"] = {
            lang: {"text": n.text, "translation": n.is_translation} for lang, n in self.names.items()
        }
        data["summary"] = dict(self.summaries)
        del data["summaries"]
        return data
