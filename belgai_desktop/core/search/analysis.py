"""Text analysis for search: folding, tokenizing and per-language terms.

Owns how a text becomes search terms, the same way at index time and at query time
(its source is part of the index's fingerprint: a change here rebuilds the index; the
snippets are in :mod:`snippets` so that changing them does not). Plain Python: imports whoosh only
for its Snowball stemmers and stop-word lists, never Qt.

Order matters: accents are folded *before* stemming, otherwise the French stemmer
turns "universités" and "universites" into different stems.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
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
        base: Callable[[str], str] = stem

        def stem(word: str) -> str:
            # Porter2 keeps "-ory" apart from "-or": supervisory/supervisor, advisory/advisor,
            # regulatory/regulator are one word to a reader.
            out = base(word)
            return out[:-1] if out.endswith("ori") and len(out) > 5 else out

    elif lang == "nl":
        base_nl: Callable[[str], str] = stem

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
    return stemmed_terms(words(text), lang)


def stemmed_terms(ws: list[Word], lang: str) -> Iterator[str]:
    """:func:`lang_terms` of words already split (the index splits each text once)."""
    stop, stem = STOPWORDS[lang], STEMMERS[lang]
    for w in ws:
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
