"""The facts of a record file (``[[relation]]``, ``[[budget]]``, ``[[date]]``, ``[[statement]]``,
``[[link]]`` in ``db/FORMAT.md``): one typed payload per type of fact, and their readers.

Imports only the standard library and :mod:`belgai_desktop.core.data` (vocab, toml_reader).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from belgai_desktop.core.data import vocab
from belgai_desktop.core.data.toml_reader import Reader, SourceRef, date_precision


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


def read_fact(r: Reader, record_id: str, fact_type: str, n: int, table: dict[str, Any]) -> Fact:
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
        data=FACT_READERS[fact_type](r, table),
    )


def _read_relation(r: Reader, t: dict[str, Any]) -> RelationData:
    rel = r.text(t, "type")
    if rel and rel not in vocab.RELATIONS:
        r.problem(f"unknown relation type {rel!r}")
    to = r.text(t, "to")
    role = r.languages(t.get("role"), "role", required=False)
    return RelationData(relation=rel, object_id=to, role=role)


def _number(value: object) -> float | None:
    """A TOML number (an integer stays an integer: the database stores what the file says)."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _read_budget(r: Reader, t: dict[str, Any]) -> BudgetData:
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


def _read_date(r: Reader, t: dict[str, Any]) -> DateData:
    date = r.date(t.get("date"), "date")
    if t.get("date") is None:
        r.problem("date fact has no 'date'")
    return DateData(
        aspect=r.text(t, "aspect"),
        date=date,
        precision=date_precision(date) if date else None,
        note=r.languages(t.get("note"), "date note", required=False),
    )


def _read_statement(r: Reader, t: dict[str, Any]) -> StatementData:
    return StatementData(aspect=r.text(t, "aspect"), text=r.languages(t.get("text"), "statement text"))


def _read_link(r: Reader, t: dict[str, Any]) -> LinkData:
    url = r.text(t, "url")
    if url and not re.match(r"^https?://\S+$", url):
        r.problem(f"link {url!r} is not an http(s) URL")
    lang = t.get("lang")
    if lang is not None and lang not in vocab.LANGUAGES:
        r.problem(f"link lang {lang!r} is not one of {', '.join(vocab.LANGUAGES)}")
    return LinkData(url=url, lang=lang if lang in vocab.LANGUAGES else None)


FACT_READERS: dict[str, Callable[[Reader, dict[str, Any]], FactData]] = {
    "relation": _read_relation,
    "budget": _read_budget,
    "date": _read_date,
    "statement": _read_statement,
    "link": _read_link,
}
