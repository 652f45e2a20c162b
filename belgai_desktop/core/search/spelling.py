"""Typo tolerance: the known words closest to a word the index does not know.

One letter wrong, missing, extra or two letters swapped is found by trying every such
edit of the typed word against the vocabulary. Two edits (for words of 8+ letters) use
a symmetric-delete table (the idea of SymSpell) over the distinct long words of the
index: every word, and every word with one or two letters deleted, points to the words
it comes from. The table is kept compact, one 64-bit integer per (deleted form, word)
pair in a sorted ``array`` (a 41-bit hash of the form above the word's number), about
3 MB for the bundled data instead of ~45 MB as a dictionary of lists; a hash that
collides only adds a candidate, which the edit distance then rejects. Plain Python;
no whoosh, no Qt.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left

from belgai_desktop.core.search.lexicon import Lexicon

MAX_FUZZY_LEN = 30
MIN_TABLE_WORD = 6  # shorter words are corrected by single edits only
MIN_TWO_EDITS = 8  # a typed word this long may be two edits away from the word meant
_WORD_BITS = 22  # up to ~4 million distinct long words
_WORD_MASK = (1 << _WORD_BITS) - 1
_HASH_MASK = (1 << (63 - _WORD_BITS)) - 1


def edits1(word: str, alphabet: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in alphabet}
    out |= {a + c + b for a, b in splits for c in alphabet}
    out.discard(word)
    return out


def deletes(word: str, depth: int) -> set[str]:
    """``word`` and every string made of it by deleting up to ``depth`` letters."""
    out, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein plus transpositions)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _key(form: str) -> int:
    # str hashes differ between processes, never within one: the table lives in memory only.
    return (hash(form) & _HASH_MASK) << _WORD_BITS


class DeletionTable:
    """For a form, the long words it is a one- or two-letter deletion of (or that are it)."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        entries = array("q")
        for number, word in enumerate(words):
            entries.extend(_key(form) | number for form in deletes(word, 2))
        self._entries = array("q", sorted(entries))

    def __len__(self) -> int:
        return len(self._entries)

    def nbytes(self) -> int:
        return self._entries.itemsize * len(self._entries)

    def candidates(self, word: str) -> set[str]:
        """Words sharing a deleted form with ``word``: at most four edits from it."""
        entries, n, out = self._entries, len(self._entries), set()
        for form in deletes(word, 2):
            key = _key(form)
            i = bisect_left(entries, key)
            while i < n and (entries[i] & ~_WORD_MASK) == key:
                out.add(self.words[entries[i] & _WORD_MASK])
                i += 1
        return out


class Speller:
    """Corrections for words the index does not know: edit distance 1, or 2 for long words."""

    def __init__(self, vocabulary: dict[str, int], lexicon: Lexicon) -> None:
        self.vocabulary = vocabulary
        self.lexicon = lexicon
        self.alphabet = "".join(sorted({c for t in vocabulary for c in t if c.isalnum()}))
        self._table: DeletionTable | None = None

    def prepare(self) -> DeletionTable:
        """The deletion table, built on first need (about half a second on the bundled data)."""
        if self._table is None:
            self._table = DeletionTable(sorted(t for t in self.vocabulary
                                               if len(t) >= MIN_TABLE_WORD and t.isalpha()))
        return self._table

    def corrections(self, word: str) -> list[str]:
        """Known words closest to ``word``, the most frequent first."""
        if len(word) < 4 or len(word) > MAX_FUZZY_LEN or not word.isalpha():
            return []
        found = [e for e in edits1(word, self.alphabet) if e in self.vocabulary]
        if not found and len(word) >= MIN_TWO_EDITS:
            found = [c for c in self.prepare().candidates(word) if distance(word, c) <= 2]
        return sorted(found, key=lambda t: (-self.vocabulary[t], t))[:3]

    def completions(self, prefix: str) -> list[str]:
        """Words that start like ``prefix`` with one letter wrong, missing or extra."""
        if len(prefix) < 4 or len(prefix) > MAX_FUZZY_LEN or not prefix.isalpha():
            return []
        found: dict[str, int] = {}
        for variant in edits1(prefix, self.alphabet):
            if len(variant) >= 3 and self.lexicon.has_prefix(variant):
                for term in self.lexicon.expand(variant, 3):
                    found[term] = self.vocabulary.get(term, 0)
        return sorted(found, key=lambda t: (-found[t], t))[:3]
