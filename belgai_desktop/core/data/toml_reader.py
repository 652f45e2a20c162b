"""Reading TOML tables while collecting every problem (with the file and the table it is in)
instead of stopping at the first; dates and source references as ``db/FORMAT.md`` writes them.

Imports only the standard library and :mod:`belgai_desktop.core.data.vocab`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from belgai_desktop.core.data import vocab

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class SourceRef:
    source_id: str
    where: str = ""

    @classmethod
    def parse(cls, text: str) -> SourceRef:
        source_id, _, where = text.partition("#")
        return cls(source_id.strip(), where.strip())


def date_precision(value: str) -> str:
    """'year', 'month' or 'day' for an ISO date string of that precision."""
    m = DATE_RE.match(value)
    if not m:
        raise ValueError(f"not an ISO date of year, month or day precision: {value!r}")
    year, month, day = m.groups()
    dt.date(int(year), int(month or 1), int(day or 1))  # raises on 2024-13 or 2024-02-30
    return "day" if day else "month" if month else "year"


class Reader:
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
