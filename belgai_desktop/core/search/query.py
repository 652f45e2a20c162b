"""The query a user typed: its words, which one is still being typed, which are stop
words, and what the corrections found for them make of it ("did you mean"), and the
words its snippets highlight. Any text is a valid query; nothing here raises. No whoosh, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from belgai_desktop.core.search.analysis import ANY_STOPWORD, STEMMERS, WORD_RE, Word, make_word
from belgai_desktop.core.search.snippets import Matcher

MAX_WORDS = 12  # longer queries keep their first words
OPERATORS = frozenset({"AND", "OR", "NOT"})


@dataclass(slots=True)
class QueryWord:
    word: Word
    start: int
    end: int
    prefix: bool = False  # the last word, still being typed
    optional: bool = False  # a stop word in some language
    corrections: list[str] = field(default_factory=list)


def parse(text: str) -> list[QueryWord]:
    """The distinct words of ``text`` (at most :data:`MAX_WORDS`), in order."""
    matches = list(WORD_RE.finditer(text))
    out: list[QueryWord] = []
    seen: set[str] = set()
    for m in matches:
        if m.group() in OPERATORS and len(matches) > 1:
            continue  # the user is not writing query syntax: AND/OR/NOT are not words to find
        w = make_word(m.group())
        if not w.merged or w.merged in seen:
            continue
        seen.add(w.merged)
        out.append(QueryWord(w, m.start(), m.end(), optional=not w.parts and w.merged in ANY_STOPWORD))
        if len(out) == MAX_WORDS:
            break
    if out and out[-1].end == len(text) and matches and matches[-1].end() == out[-1].end:
        out[-1].prefix = True
    if all(q.optional for q in out):
        for q in out:
            q.optional = False
    return out


def suggestion(text: str, qwords: list[QueryWord]) -> str | None:
    """``text`` with each word that has corrections replaced by its first, or None."""
    fixes = [(qw.start, qw.end, qw.corrections[0]) for qw in qwords if qw.corrections]
    if not fixes:
        return None
    out, pos = [], 0
    for start, end, fix in fixes:
        out += [text[pos:start], fix]
        pos = end
    out.append(text[pos:])
    return " ".join("".join(out).split())


def highlighter(qwords: list[QueryWord], lang: str) -> Matcher:
    """What the snippets mark: the query's words, their parts and corrections, and their stems."""
    raw: set[str] = set()
    for qw in qwords:
        raw.add(qw.word.merged)
        raw.update(qw.word.parts)
        raw.update(qw.corrections)
    raw -= ANY_STOPWORD
    stem = STEMMERS[lang]
    last = qwords[-1]
    prefix = last.word.merged if last.prefix and len(last.word.merged) >= 2 else None
    return Matcher(frozenset(raw | {stem(t) for t in raw}), prefix)
