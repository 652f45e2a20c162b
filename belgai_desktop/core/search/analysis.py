"""Text analysis for search: folding, tokenizing, per-language terms and snippets.

Owns how a text becomes search terms, the same way at index time and at query time,
and how a result's snippet is cut and highlighted. Plain Python: imports whoosh only
for its Snowball stemmers and stop-word lists, never Qt.

Order matters: accents are folded *before* stemming, otherwise the French stemmer
turns "universités" and "universites" into different stems.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from whoosh.lang import stemmer_for_language, stopwords_for_language

from belgai_desktop.core.data import vocab

# A word: letters and digits, possibly joined by dots, hyphens, ampersands or plus signs
# ("DigitalWallonia4.ai", "Leuven.AI", "KI-Koalition", "R&D"). Apostrophes split
# ("l'intelligence" -> "l", "intelligence"); "#" and "@" are not part of a word.
WORD_RE = re.compile(r"[^\W_]+(?:[.\-&+][^\W_]+)*")
_JOINERS = re.compile(r"[.\-&+]")
_LETTERS_OR_DIGITS = re.compile(r"\d+|[^\W\d_]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_FOLD_EXTRA = str.maketrans({"æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d",
                             "þ": "th", "ı": "i"})

# Words that are stop words in a language but are what people search for here
# (French "ai" is a form of avoir, "eu" its participle).
_KEEP = frozenset({"ai", "ia", "ki", "eu", "ue", "as"})

# Every cache here is bounded, so a long session's memory stays flat (benchmarks/memory.py):
# more words than any one index or session repeats, far fewer than a day of typing brings.
WORD_CACHE = 8192
TEXT_CACHE = 1024  # indexed texts for snippets: 20-50 results of ~10 texts, a few searches back
TOKEN_CACHE = 16384  # per language, words of the texts with the keys they match by


@lru_cache(maxsize=WORD_CACHE)
def fold(word: str) -> str:
    """Case and accent folding: "Stratégie" -> "strategie", "Straße" -> "strasse"."""
    decomposed = unicodedata.normalize("NFKD", word)
    return _COMBINING.sub("", decomposed).casefold().translate(_FOLD_EXTRA)


def _stopwords(lang: str) -> frozenset[str]:
    return frozenset(fold(w) for w in stopwords_for_language(lang)) - _KEEP


STOPWORDS: dict[str, frozenset[str]] = {lang: _stopwords(lang) for lang in vocab.LANGUAGES}
ANY_STOPWORD: frozenset[str] = frozenset().union(*STOPWORDS.values())


def _make_stemmer(lang: str) -> Callable[[str], str]:
    stem = stemmer_for_language(lang)
    if lang == "en":
        base = stem

        def stem(word: str) -> str:
            # Porter2 keeps "-ory" apart from "-or": supervisory/supervisor, advisory/advisor,
            # regulatory/regulator are one word to a reader.
            out = base(word)
            return out[:-1] if out.endswith("ori") and len(out) > 5 else out

    elif lang == "nl":
        base_nl = stem

        def stem(word: str) -> str:
            # Snowball undoubles only k, d and t; Dutch plurals double any consonant after a
            # short vowel (plan/plannen, bus/bussen), so undouble them all.
            out = base_nl(word)
            if len(out) > 3 and out[-1] == out[-2] and out[-1] not in "aeiouy":
                return out[:-1]
            return out

    return lru_cache(maxsize=WORD_CACHE)(stem)


STEMMERS: dict[str, Callable[[str], str]] = {lang: _make_stemmer(lang) for lang in vocab.LANGUAGES}


def _camel_parts(chunk: str) -> list[str]:
    """ "SmartAINation" -> ["Smart", "AI", "Nation"]; lower-case or capitalised words stay whole."""
    if chunk.islower() or chunk.isupper() or (chunk[0].isupper() and chunk[1:].islower()):
        return [chunk]
    parts, start = [], 0
    for i in range(1, len(chunk)):
        prev, cur = chunk[i - 1], chunk[i]
        nxt = chunk[i + 1] if i + 1 < len(chunk) else ""
        if (prev.islower() and cur.isupper()) or (prev.isupper() and cur.isupper() and nxt.islower()):
            parts.append(chunk[start:i])
            start = i
    parts.append(chunk[start:])
    return parts


_NOT_WORD = re.compile(r"[\W_]+")


def _fold_word(text: str) -> str:
    # Compatibility decomposition can bring spaces or symbols ("ﷺ", "½"): a term has none.
    return _NOT_WORD.sub("", fold(text))


@dataclass(frozen=True, slots=True)
class Word:
    """One word as typed or written: its merged folded form and, for compounds, its parts."""

    text: str  # as written
    merged: str  # folded, joiners removed: "digitalwallonia4ai"
    parts: tuple[str, ...]  # folded parts of a compound ("digitalwallonia4", "ai"…), else ()


@lru_cache(maxsize=WORD_CACHE)
def make_word(text: str) -> Word:
    pieces = [p for p in _JOINERS.split(text) if p]
    parts: list[str] = []
    for piece in pieces:
        for chunk in _LETTERS_OR_DIGITS.findall(piece):
            parts.extend(_camel_parts(chunk))
    merged = _fold_word("".join(pieces))
    folded_parts = tuple(dict.fromkeys(
        f for f in (_fold_word(p) for p in parts) if len(f) > 1 and f != merged))
    return Word(text, merged, folded_parts)


def words(text: str) -> list[Word]:
    return [make_word(m) for m in WORD_RE.findall(text)]


def raw_terms(text: str) -> Iterator[str]:
    """Folded, unstemmed terms: every word's merged form and its parts."""
    for w in words(text):
        yield w.merged
        yield from w.parts


def lang_terms(text: str, lang: str) -> Iterator[str]:
    """Folded, stemmed terms without stop words, for one language's fields."""
    stop, stem = STOPWORDS[lang], STEMMERS[lang]
    for w in words(text):
        if w.parts:
            yield w.merged  # a compound's merged form is a name ("ai4belgium"): never stemmed
        elif w.merged not in stop:
            yield stem(w.merged)
        for p in w.parts:
            if p not in stop:
                yield stem(p)


def word_lang_terms(word: Word, lang: str) -> tuple[str, ...]:
    """The stemmed terms of one query word in one language ((), if it is a stop word)."""
    stop, stem = STOPWORDS[lang], STEMMERS[lang]
    if word.parts:
        return (word.merged,)
    if word.merged in stop:
        return ()
    return (stem(word.merged),)


def exact_key(text: str) -> str:
    """A whole name normalised for exact matching: "SPF Stratégie et Appui" -> "spf strategie et appui"."""
    return " ".join(w.merged for w in words(text))


def clean_query(text: str, max_chars: int = 1000) -> str:
    """Any user input made safe: no control characters, bounded length."""
    text = text[:max_chars]
    return "".join(c if c.isprintable() else " " for c in text)


# -- snippets --------------------------------------------------------------------------

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


@lru_cache(maxsize=TEXT_CACHE)
def _text_index(text: str, lang: str) -> tuple[dict[str, list[Span]], list[str], dict[str, list[Span]]]:
    """Where each key and each folded form occurs in ``text`` (and the forms sorted, for
    prefixes): a snippet then costs a few look-ups, not a pass over every word."""
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


def _matched_spans(text: str, lang: str, matcher: Matcher) -> list[Span]:
    by_key, forms, by_form = _text_index(text, lang)
    wanted = matcher.keys
    found: set[Span] = set()
    for key in (wanted if len(wanted) < len(by_key) else by_key):
        if key in by_key and key in wanted:
            found.update(by_key[key])
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
