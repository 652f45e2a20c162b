"""Snippets: the passage of a record's texts that best shows why it was found, with the
query's words marked. Owns deciding which words of a text match the query (a word as
written, its folded forms and their stems, or the start of the word being typed), choosing
the passage with the most matches, and cutting it at word boundaries (plain text and
HTML-escaped with ``<b>…</b>``). Texts met again while typing are remembered split into their
words (bounded), and each distinct word is judged once per query. Plain Python; no whoosh index, no Qt.
"""

from __future__ import annotations

import html
import sys
import threading
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import compress

from belgai_desktop.core.search.analysis import STEMMERS, WORD_RE, make_word

TEXT_CACHE = 2048  # texts split into words for snippets (~2,000 in the bundled data, ~1 KB each)
TOKEN_CACHE = 65536  # per language, words of the texts with the keys they match by (~10,000 in the bundled data)


@dataclass(frozen=True, slots=True)
class Snippet:
    text: str
    html: str


@dataclass(frozen=True, slots=True)
class Matcher:
    """Decides whether a word of a text matches the query, for highlighting."""

    keys: frozenset[str]  # folded query words, their parts and corrections, and their stems
    prefix: str | None  # the last word as typed so far
    # per language, each word as written met so far in this query's texts -> whether it matches
    _judged: dict[str, dict[str, bool]] = field(default_factory=dict, compare=False, repr=False)

    def judged(self, lang: str) -> dict[str, bool]:
        """What this matcher has decided so far of the words of ``lang``'s texts (bounded: a
        matcher lives for one search)."""
        found = self._judged.get(lang)
        if found is None:
            found = self._judged[lang] = {}
        return found

    def matches(self, keys: frozenset[str], starts: str) -> bool:
        """Whether a word with these keys and these starts (:data:`TokenKeys`) matches."""
        if not keys.isdisjoint(self.keys):
            return True
        return self.prefix is not None and FORM_START + self.prefix in starts


Span = tuple[int, int]
FORM_START = "\x00"  # "\x00merged\x00part…": a form starts with a prefix when this finds it
# The keys a written word matches by (its folded forms and their stems) and its folded forms
# as one string, each after FORM_START: a prefix is then one substring search.
TokenKeys = tuple[frozenset[str], str]
_TOKEN_KEYS: dict[str, dict[str, TokenKeys]] = {lang: {} for lang in STEMMERS}


def _token_keys(token: str, lang: str) -> TokenKeys:
    """What a word as written in a text of ``lang`` matches by: its folded forms and their stems
    (remembered: the same words recur in every snippet)."""
    cache = _TOKEN_KEYS[lang]
    found = cache.get(token)
    if found is None:
        w = make_word(token)
        forms = (w.merged, *w.parts)
        stem = STEMMERS[lang]
        found = (frozenset((*forms, *(stem(f) for f in forms))), "".join(FORM_START + f for f in forms))
        if len(cache) >= TOKEN_CACHE:
            cache.clear()
        cache[token] = found
    return found


def learn_words(texts: Iterable[str], lang: str, limit: int = TOKEN_CACHE // 2) -> int:
    """Work out ahead what the words of ``texts`` match by (the warm-up does, for the texts of a
    small index), so the first snippets while typing do not each pay for their new words; stops
    at ``limit`` words so a large corpus keeps room for the words met later. Returns how many
    words are now known in ``lang``."""
    cache = _TOKEN_KEYS[lang]
    for text in texts:
        for token in WORD_RE.findall(text):
            if len(cache) >= limit:
                return len(cache)
            if token not in cache:
                _token_keys(token, lang)
    return len(cache)


Split = tuple[tuple[str, ...], "array[int]"]  # a text's words as written, and their (start, end) interleaved
_SPLIT: dict[str, Split] = {}  # the most recently used last
_LOCK = threading.Lock()


def _split(text: str) -> Split:
    """A text's words and where they are, remembered (bounded): while typing, the same records'
    texts come back keystroke after keystroke, and finding their words again was most of a
    snippet's cost."""
    with _LOCK:  # two searchers in two threads share this table
        found = _SPLIT.pop(text, None)
    if found is None:
        tokens, places = [], array("I")
        for m in WORD_RE.finditer(text):
            tokens.append(sys.intern(m.group()))  # the same words recur across texts: one copy
            places.extend(m.span())
        found = (tuple(tokens), places)
    with _LOCK:
        if len(_SPLIT) >= TEXT_CACHE:
            _SPLIT.pop(next(iter(_SPLIT)), None)
        _SPLIT[text] = found
    return found


def _matched_spans(text: str, lang: str, matcher: Matcher) -> list[Span]:
    """Where the words of ``text`` that match the query are. Each distinct word is judged once
    per query (:meth:`Matcher.judged`): a result list's texts share most of their words."""
    tokens, places = _split(text)
    judged = matcher.judged(lang)
    hits = list(map(judged.get, tokens))
    if None in hits:
        for i, hit in enumerate(hits):
            if hit is None:
                token = tokens[i]
                hit = judged.get(token)  # met earlier in this text
                if hit is None:
                    hit = judged[token] = matcher.matches(*_token_keys(token, lang))
                hits[i] = hit
    if True not in hits:
        return []
    return [(places[2 * i], places[2 * i + 1]) for i in compress(range(len(hits)), hits)]


def snippet(texts: Iterable[str], lang: str, matcher: Matcher, width: int = 180) -> Snippet:
    """The passage of ``texts`` (summary first, then facts) that best shows the match."""
    best: tuple[int, str, int, list[tuple[int, int]]] | None = None  # (count, text, start, spans)
    first = ""
    for text in texts:
        if not text:
            continue
        first = first or text
        spans = _matched_spans(text, lang, matcher)
        if not spans:
            continue
        # The window of about ``width`` characters holding the most matched words.
        count, start, j = 0, spans[0][0], 0
        for i, (s, _e) in enumerate(spans):
            while spans[j][0] < s - width + 40:
                j += 1
            if i - j + 1 > count:
                count, start = i - j + 1, spans[j][0]
        if best is None or count > best[0]:  # ties keep the earlier text: the summary
            best = (count, text, start, spans)
    if best is None:
        return _cut(first, 0, width, [])
    return _cut(best[1], best[2], width, best[3])


def _cut(text: str, start: int, width: int, spans: list[tuple[int, int]]) -> Snippet:
    # same length, so the spans stay valid (three replaces are quicker than one translate)
    text = text.replace("\n", " ").replace("\t", " ").replace("\r", " ")
    if len(text) <= width:
        lo, hi = 0, len(text)
    else:
        # Start a little before the first match, at a word boundary.
        lo = max(0, start - 30)
        if lo:
            space = text.rfind(" ", 0, lo)
            lo = 0 if space < 0 else space + 1
        hi = min(len(text), lo + width)
        if hi < len(text):
            space = text.rfind(" ", lo, hi)
            hi = space if space > lo else hi
    head = "…" if lo > 0 else ""
    tail = "…" if hi < len(text) else ""
    plain = head + text[lo:hi].strip() + tail
    parts, pos = [], lo
    for s, e in spans:
        if s < pos or e > hi:
            continue
        parts.append(html.escape(text[pos:s]))
        parts.append("<b>" + html.escape(text[s:e]) + "</b>")
        pos = e
    parts.append(html.escape(text[pos:hi]))
    rich = head + "".join(parts).strip() + tail
    return Snippet(plain, rich)

