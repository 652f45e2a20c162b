"""What a search returns: the records found (:class:`SearchHit`) and the answer as a whole
(:class:`SearchResult`, with its "did you mean" and total). Plain data; no whoosh, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One record found: its title and snippet are in the language searched with."""

    id: str
    kind: str
    level: str
    title: str
    snippet: str
    snippet_html: str  # HTML-escaped, the matched words in <b>…</b>
    score: float
    title_translation: bool = False  # the title is our translation (no document gives it)
    title_descriptive: bool = False  # the title is ours, describing the record (not an official name)


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The records found for one query, best first, with the total and a suggested spelling."""

    query: str
    lang: str
    suggestion: str | None
    total: int
    hits: list[SearchHit] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query, "lang": self.lang, "suggestion": self.suggestion,
            "total": self.total,
            "results": [{"id": h.id, "kind": h.kind, "level": h.level, "title": h.title,
                         "snippet": h.snippet, "score": round(h.score, 4),
                         "title_translation": h.title_translation, "title_descriptive": h.title_descriptive}
                        for h in self.hits],
        }

    @property
    def ids(self) -> list[str]:
        return [h.id for h in self.hits]
