"""Snippets: the passage of a record's texts that best shows why it was found, with the
query's words marked. Owns deciding which words of a text match the query (a word as
written, its folded forms and their stems, or the start of the word being typed), choosing
the passage with the most matches, and cutting it at word boundaries (plain text and
HTML-escaped with ``<b>…</b>``). Texts met again while typing are indexed and remembered
(bounded). Plain Python; no whoosh index, no Qt.
"""

from __future__ import annotations

import html
import threading
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from belgai_desktop.core.search.analysis import STEMMERS, WORD_RE, make_word

TEXT_CACHE = 1024  # indexed texts for snippets: 20-50 results of ~10 texts, a few searches back
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

    def matches(self, keys: frozenset[str], forms: tuple[str, ...]) -> bool:
        if not keys.isdisjoint(self.keys):
            return True
        prefix = self.prefix
        return prefix is not None and any(f.startswith(prefix) for f in forms)


Span = tuple[int, int]
TokenKeys = tuple[frozenset[str], tuple[str, ...]]  # the keys a written word matches by, its folded forms
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
        found = (frozenset((*forms, *(stem(f) for f in forms))), forms)
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


TextIndex = tuple[dict[str, list[Span]], list[str], dict[str, list[Span]]]
_TEXT_INDEXES: dict[tuple[str, str], TextIndex] = {}  # the most recently used last
_MET_ONCE: dict[tuple[int, str], None] = {}  # (hash of a text, language) of texts met once
_LOCK = threading.Lock()


def _index_text(text: str, lang: str) -> TextIndex:
    """Where each key and each folded form occurs in ``text`` (and the forms sorted, for
    prefixes): a snippet of a text met again costs a few look-ups, not a pass over every word."""
    by_key: dict[str, list[Span]] = {}
    by_form: dict[str, list[Span]] = {}
    for m in WORD_RE.finditer(text):
        keys, forms = _token_keys(m.group(), lang)
        span = (m.start(), m.end())
        for k in keys:
            by_key.setdefault(k, []).append(span)
        for f in forms:
            by_form.setdefault(f, []).append(span)
    return by_key, sorted(by_form), by_form


def _scan(text: str, lang: str, matcher: Matcher) -> list[Span]:
    """The matched words of a text met for the first time, in one pass."""
    cache, wanted, prefix = _TOKEN_KEYS[lang], matcher.keys, matcher.prefix
    spans = []
    for m in WORD_RE.finditer(text):
        token = m.group()
        keys, forms = cache.get(token) or _token_keys(token, lang)
        if not keys.isdisjoint(wanted) or (prefix is not None and any(f.startswith(prefix) for f in forms)):
            spans.append((m.start(), m.end()))
    return spans


def _matched_spans(text: str, lang: str, matcher: Matcher) -> list[Span]:
    # While typing, the same records' texts come back keystroke after keystroke: a text met
    # twice is indexed. Across many records (a large corpus) most texts are met once: scanned.
    key = (text, lang)
    with _LOCK:  # two searchers in two threads share these tables
        index = _TEXT_INDEXES.pop(key, None)
        first_time = False
        if index is None:
            met = (hash(text), lang)
            first_time = met not in _MET_ONCE
            if first_time:
                if len(_MET_ONCE) >= 4 * TEXT_CACHE:
                    _MET_ONCE.clear()
                _MET_ONCE[met] = None
    if first_time:
        return _scan(text, lang, matcher)
    if index is None:
        index = _index_text(text, lang)
    with _LOCK:
        if len(_TEXT_INDEXES) >= TEXT_CACHE:
            _TEXT_INDEXES.pop(next(iter(_TEXT_INDEXES)), None)
        _TEXT_INDEXES[key] = index
    by_key, forms, by_form = index
    wanted = matcher.keys
    found: set[Span] = set()
    for k in (wanted if len(wanted) < len(by_key) else by_key):
        if k in by_key and k in wanted:
            found.update(by_key[k])
    prefix = matcher.prefix
    if prefix is not None:
        for form in forms[bisect_left(forms, prefix):bisect_left(forms, prefix + "\U0010ffff")]:
            found.update(by_form[form])
    return sorted(found)


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
    text = text.translate(_WHITESPACE)  # same length, so the spans stay valid
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


_WHITESPACE = str.maketrans({"\n": " ", "\t": " ", "\r": " "})
