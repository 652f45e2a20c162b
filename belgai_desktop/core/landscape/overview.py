"""What the start page shows, from the data alone: how many records each level holds, the
latest dated facts up to the data's as-of date, and the questions on which the sources
disagree (facts the data marks as disputed, grouped by what is disputed).

Plain Python: no Qt, no labels (the GUI translates levels and aspects).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from belgai_desktop.core.data.model import RecordSummary
from belgai_desktop.core.landscape.government import BODY_KINDS, LEVEL_ORDER


@dataclass(frozen=True)
class LevelCount:
    level: str
    records: int
    bodies: int


@dataclass(frozen=True)
class DatedFact:
    record: RecordSummary
    aspect: str
    date: str  # ISO, as precise as the source: "2025", "2024-12", "2025-04-30"


@dataclass
class Question:
    """One disputed point: what is disputed, and the records whose facts disagree on it."""

    dispute: str
    aspect: str
    records: list[RecordSummary] = field(default_factory=list)


@dataclass(frozen=True)
class Overview:
    levels: list[LevelCount]
    latest: list[DatedFact]
    questions: list[Question]
    as_of: str


def build(records: Iterable[RecordSummary], dates: Iterable[tuple[str, str, str]],
          disputed: Iterable[tuple[str, str, str]], as_of: str, latest: int = 6) -> Overview:
    """``dates``: (record id, aspect, ISO date); ``disputed``: (dispute id, record id, aspect)."""
    records = list(records)
    by_id = {r.id: r for r in records}
    levels = [LevelCount(level, sum(r.level == level for r in records),
                         sum(r.level == level and r.kind in BODY_KINDS for r in records))
              for level in LEVEL_ORDER]
    dated = sorted(((d, rid, aspect) for rid, aspect, d in dates
                    if rid in by_id and d and (not as_of or d[:len(as_of)] <= as_of)),
                   reverse=True)
    seen: set[str] = set()
    newest: list[DatedFact] = []
    for d, rid, aspect in dated:
        if rid not in seen:  # one line per record: the newest of its dates
            seen.add(rid)
            newest.append(DatedFact(by_id[rid], aspect, d))
        if len(newest) == latest:
            break
    questions: dict[str, Question] = {}
    for dispute, rid, aspect in disputed:
        if rid not in by_id or not dispute:
            continue
        question = questions.setdefault(dispute, Question(dispute, aspect))
        if by_id[rid] not in question.records:
            question.records.append(by_id[rid])
    return Overview([c for c in levels if c.records], newest, list(questions.values()), as_of)
